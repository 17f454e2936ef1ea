/** Demo scenarios: what a shift of bot handoffs looks like. Written for Warmline, not sampled from customers. */

export interface Scenario {
  department: 'billing' | 'returns' | 'delivery' | 'fraud' | 'account';
  intent: string;
  title: string;
  /** The customer's opening, calm and angry. */
  opening: { calm: string; angry: string };
  botQuestion: string;
  /** What the customer answers, with `{value}` replaced by the field value. */
  answer: string;
  field: { key: string; label: string; value: () => string };
  botFailure: string;
  followUp: { calm: string; angry: string };
}

const digits = (count: number) => () => Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join('');

export const SCENARIOS: Scenario[] = [
  {
    department: 'billing',
    intent: 'billing_double_charge',
    title: 'Charged twice for one invoice',
    opening: { calm: 'Hi, I think I was charged twice for my last invoice.', angry: 'You have charged me TWICE this month. This is unacceptable.' },
    botQuestion: 'I can look into that. What is your account number?',
    answer: 'My account number is {value}',
    field: { key: 'account_number', label: 'Account', value: digits(8) },
    botFailure: "Sorry, I can't change payments. Is there anything else I can help with?",
    followUp: { calm: 'I need the second charge refunded please.', angry: 'I want my money back, not another question!!!' },
  },
  {
    department: 'returns',
    intent: 'refund_request',
    title: 'Refund outside the 30-day window',
    opening: { calm: 'Hello, I would like to return a pair of boots.', angry: 'These boots fell apart after a week and I want a refund.' },
    botQuestion: 'Sure. What is your order number?',
    answer: 'Order {value}',
    field: { key: 'order_id', label: 'Order', value: digits(6) },
    botFailure: "Sorry, I didn't understand. Returns are accepted within 30 days of delivery.",
    followUp: { calm: 'It was delivered 32 days ago, can you make an exception?', angry: 'I do not care about 30 days, they are broken!' },
  },
  {
    department: 'delivery',
    intent: 'missing_parcel',
    title: 'Parcel marked delivered but not received',
    opening: { calm: 'My parcel says delivered but nothing arrived.', angry: 'Your courier says DELIVERED. It is NOT here.' },
    botQuestion: 'I can check the tracking. What is your order number?',
    answer: 'It is {value}',
    field: { key: 'order_id', label: 'Order', value: digits(6) },
    botFailure: 'Sorry, I could not find a problem with that delivery.',
    followUp: { calm: 'Could someone check with the courier?', angry: 'Then find it. I paid for next-day delivery.' },
  },
  {
    department: 'fraud',
    intent: 'unrecognised_transaction',
    title: 'Card payment the customer does not recognise',
    opening: { calm: "There's a payment on my card I don't recognise.", angry: 'Someone has used my card!! I need this stopped now.' },
    botQuestion: 'I understand. Please confirm the email address on your account.',
    answer: '{value}',
    field: { key: 'email', label: 'Email', value: () => `customer${digits(3)()}@example.com` },
    botFailure: "Sorry, I'm not able to help with that here.",
    followUp: { calm: 'Can you block the card while we check?', angry: 'Block the card NOW please.' },
  },
  {
    department: 'account',
    intent: 'account_locked',
    title: 'Locked out after password reset',
    opening: { calm: "I can't log in since I reset my password.", angry: "I've reset my password three times and still can't log in." },
    botQuestion: 'Let me help. What is the phone number on your account?',
    answer: 'It is {value}',
    field: { key: 'phone', label: 'Phone', value: () => `+44 7700 9${digits(5)()}` },
    botFailure: "Sorry, I didn't get that. Try resetting your password from the login page.",
    followUp: { calm: 'I did that already, it says my account is locked.', angry: 'I ALREADY DID THAT.' },
  },
];

/** Names from many languages, so a newcomer sees the room as it is. */
export const NAMES = [
  'Maria Okafor', 'Nguyễn Thị Lan', 'Søren Kierkegaard-Møller', 'Aisha Al-Farsi', 'Zhang Wei', 'Olumide Adeyemi',
  'Zoë Brontë', 'José Álvarez', 'Анна Смирнова', 'Priya Raghunathan', 'Kenji Watanabe', 'Siobhán Ní Bhriain',
  'Małgorzata Wiśniewska', 'Mehmet Yılmaz', 'Fatima Zahra Benali', 'Björn Åkesson', 'Chloé Dubois', 'דוד כהן',
  'Thandiwe Ndlovu', 'Lucía Fernández', 'Hyun-woo Park', 'Ngozi Eze', 'Giulia Romano', 'Aroha Ngata',
];
