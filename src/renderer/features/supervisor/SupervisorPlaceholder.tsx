/** Holds the supervisor's place until the console arrives; the inbox beside it is read-only. */
export function SupervisorPlaceholder() {
  return (
    <div className="empty" data-testid="supervisor-placeholder">
      <h2 className="empty__title">Supervisor console arrives with the hub lifecycle</h2>
      <p className="empty__text">
        Live queues, agent load and stepping into chats come next. Until then you can read every conversation in your
        queues from the inbox.
      </p>
    </div>
  );
}
