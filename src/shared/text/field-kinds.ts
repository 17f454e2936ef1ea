/**
 * The field kinds Warmline knows by name. Bots use their own keys ("accountNumber", "order_no"),
 * so every comparison goes through `canonicalFieldKey`.
 */

export const FIELD_KINDS = [
  'name',
  'account_number',
  'order_id',
  'booking_reference',
  'email',
  'phone',
  'date_of_birth',
  'amount',
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_LABELS: Readonly<Record<FieldKind, string>> = {
  name: 'Name',
  account_number: 'Account number',
  order_id: 'Order',
  booking_reference: 'Booking reference',
  email: 'Email',
  phone: 'Phone',
  date_of_birth: 'Date of birth',
  amount: 'Amount',
};

// Squashed forms (lower case, letters and digits only) of the keys bots are seen to use.
const ALIASES: ReadonlyArray<readonly [FieldKind, readonly string[]]> = [
  ['name', ['name', 'fullname', 'customername', 'firstname', 'contactname']],
  ['account_number', ['accountnumber', 'accountno', 'accountnum', 'accountid', 'account', 'acctno', 'acctnumber']],
  ['order_id', ['orderid', 'ordernumber', 'orderno', 'ordernum', 'order', 'orderref', 'orderreference']],
  [
    'booking_reference',
    ['bookingreference', 'bookingref', 'bookingid', 'bookingnumber', 'reservationid', 'reservationnumber',
      'confirmationnumber', 'confirmationcode', 'pnr', 'rideid'],
  ],
  ['email', ['email', 'emailaddress', 'mail']],
  ['phone', ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'telephone', 'tel', 'cell']],
  ['date_of_birth', ['dateofbirth', 'dob', 'birthdate', 'birthday']],
  ['amount', ['amount', 'sum', 'total']],
];

const byAlias = new Map<string, FieldKind>(ALIASES.flatMap(([kind, names]) => names.map((n) => [n, kind] as const)));

/** The Warmline kind of a bot's field key, or undefined when the key names something else. */
export function canonicalFieldKey(key: string): FieldKind | undefined {
  return byAlias.get(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

const PLACEHOLDER_NAME = /^(unknown|anonymous|anon|guest|visitor|customer|user|client|caller|n\/?a|none|-+)\b/i;

/** Whether a customer name is a stand-in an adapter put there because the platform had none. */
export function isPlaceholderName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed === '' || PLACEHOLDER_NAME.test(trimmed) || /^[\d\W_]+$/u.test(trimmed);
}
