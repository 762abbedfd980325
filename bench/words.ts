// Word pools for the synthetic corpus: enough variety that a word diff sees
// policy-like prose rather than one sentence repeated, all written for this
// benchmark.

export const SUBJECTS = [
  'We', 'The Company', 'Our service providers', 'You', 'Each user', 'The account holder', 'Our partners',
  'Authorised personnel', 'The data protection officer', 'Customer support staff', 'Third-party processors',
  'Affiliated companies', 'Members of the organisation', 'The administrator of a workspace', 'Our auditors',
];

export const VERBS = [
  'collect', 'store', 'process', 'disclose', 'share', 'retain', 'delete', 'review', 'transfer', 'use',
  'encrypt', 'anonymise', 'aggregate', 'analyse', 'record', 'access', 'correct', 'archive', 'restrict', 'publish',
  'verify', 'monitor', 'request', 'provide', 'update', 'limit', 'export', 'combine', 'protect', 'inspect',
];

export const MODALS = ['may', 'will', 'must', 'shall', 'can', 'will not', 'may not', 'should', 'must not', 'are entitled to'];

export const ADJECTIVES = [
  'personal', 'sensitive', 'aggregated', 'anonymous', 'technical', 'financial', 'contractual', 'statutory',
  'reasonable', 'appropriate', 'necessary', 'legitimate', 'limited', 'additional', 'relevant', 'applicable',
  'commercial', 'confidential', 'public', 'automated', 'manual', 'prior', 'written', 'explicit', 'temporary',
  'permanent', 'regional', 'international', 'secure', 'accurate',
];

export const NOUNS = [
  'data', 'information', 'records', 'account details', 'payment details', 'usage logs', 'identifiers', 'cookies',
  'device information', 'contact details', 'messages', 'content', 'preferences', 'location data', 'backups',
  'invoices', 'support tickets', 'audit trails', 'credentials', 'profile information', 'analytics', 'metadata',
  'correspondence', 'transaction history', 'consent records', 'access logs', 'subscriptions', 'settings',
  'uploaded files', 'feedback',
];

export const PURPOSES = [
  'to provide the service', 'to comply with the law', 'to prevent fraud', 'to improve our products',
  'to respond to your requests', 'to send you notices about your account', 'to secure our systems',
  'to bill you accurately', 'to measure how the service is used', 'to enforce these terms',
  'to meet our contractual obligations', 'to protect the rights of others', 'to resolve disputes',
  'for research and development', 'for the purposes described in this policy', 'to personalise your experience',
];

export const CONDITIONS = [
  'unless the law requires otherwise', 'where you have given your consent', 'for as long as your account is active',
  'within thirty days of your request', 'subject to applicable law', 'except as described in this section',
  'when it is strictly necessary', 'after giving you reasonable notice', 'in accordance with our retention schedule',
  'on the terms set out below', 'in the circumstances listed in this policy', 'if a court orders us to do so',
  'without undue delay', 'at no cost to you', 'in a commonly used, machine-readable format',
  'within the European Economic Area', 'using industry-standard safeguards', 'with your prior written approval',
];

export const CONNECTORS = [
  'In addition,', 'However,', 'Where applicable,', 'For example,', 'In particular,', 'Accordingly,', 'Otherwise,',
  'In any case,', 'Where possible,', 'In that event,', 'To the extent permitted by law,', 'Notwithstanding the above,',
];

/** Phrases legal teams rename across a whole policy ("personal data" → "personal information"). */
export const TERMS: readonly (readonly [string, string])[] = [
  ['personal data', 'personal information'],
  ['service providers', 'processors'],
  ['thirty days', 'forty-five days'],
  ['reasonable notice', 'at least thirty days’ notice'],
  ['the Company', 'Illustrious'],
  ['applicable law', 'the applicable laws and regulations'],
  ['your consent', 'your explicit consent'],
  ['our systems', 'our systems and networks'],
];

export const SECTION_TITLES = [
  'Definitions', 'Scope of this policy', 'Information we collect', 'How we use information', 'Legal bases',
  'Sharing with third parties', 'International transfers', 'Retention', 'Security', 'Your rights',
  'Access requests', 'Correction and deletion', 'Cookies and similar technologies', 'Marketing communications',
  'Children', 'Payment terms', 'Refunds', 'Cancellation', 'Termination', 'Suspension of accounts',
  'Acceptable use', 'Prohibited content', 'Intellectual property', 'Licence to your content', 'Feedback',
  'Third-party services', 'Service availability', 'Changes to the service', 'Changes to this policy',
  'Disclaimer of warranties', 'Limitation of liability', 'Indemnification', 'Governing law', 'Dispute resolution',
  'Arbitration', 'Export controls', 'Confidentiality', 'Beta features', 'Support', 'Data processing addendum',
  'Subprocessors', 'Breach notification', 'Audits', 'Records of processing', 'Automated decisions',
  'Profiling', 'Anonymisation', 'Backups', 'Logs', 'Contact us', 'Complaints', 'Supervisory authority',
  'Joint controllers', 'Business transfers', 'Law enforcement requests', 'Transparency reports',
  'Accessibility', 'Language of this policy', 'Severability', 'Entire agreement', 'Assignment', 'Notices',
  'Force majeure', 'Waiver', 'Survival', 'Fees and taxes', 'Trial periods', 'Enterprise accounts',
  'Education accounts', 'Security research', 'Responsible disclosure', 'Open source components',
];

export const SUBSECTION_TITLES = [
  'Exceptions', 'How to exercise this right', 'Time limits', 'What we ask of you', 'Examples', 'Scope',
  'Notice', 'Costs', 'Records we keep', 'When this applies', 'Related terms', 'Your choices',
];

export const TABLE_HEADERS: readonly (readonly string[])[] = [
  ['Category', 'Purpose', 'Retention'],
  ['Recipient', 'What we share', 'Why'],
  ['Cookie', 'Purpose', 'Expires'],
  ['Right', 'How to exercise it', 'Response time'],
  ['Plan', 'Fee', 'Billing period'],
];

export const PERIODS = [
  '30 days', '90 days', '6 months', '1 year', '2 years', '5 years', '7 years', 'until you delete it',
  'for the life of the account', 'session', '13 months', '10 years',
];
