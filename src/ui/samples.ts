/** The datasets bundled under public/samples, with the attribution their licences ask for. */
export interface BundledSample {
  id: string;
  file: string;
  title: string;
  description: string;
  attribution: string;
  license: string;
}

export const BUNDLED_SAMPLES: BundledSample[] = [
  {
    id: 'uci',
    file: 'uci_credit_card_default.csv',
    title: 'Credit card default (UCI, 30,000 clients)',
    description: 'Taiwan, April–September 2005: limits, demographics, six months of bills, payments and delays; target: default next month (22 %).',
    attribution:
      '"Default of Credit Card Clients", UCI Machine Learning Repository (id 350). Yeh, I-C. and Lien, C-H. (2009), Expert Systems with Applications 36(2), 2473-2480.',
    license: 'CC BY 4.0',
  },
  {
    id: 'transactions',
    file: 'card_transactions_fraud.csv',
    title: 'Card transactions with fraud labels (2,001 rows)',
    description: 'Simulated transactions (Sparkov generator; people, cards and merchants are fictitious), a fraud-balanced sample; target: is_fraud.',
    attribution:
      'Simulated with the Sparkov data generator (namebrandon/Sparkov_Data_Generation), published on Kaggle as "Credit Card Transactions Fraud Detection Dataset" (kartik2112/fraud-detection).',
    license: 'CC0 (as listed on the Kaggle page)',
  },
  {
    id: 'histories',
    file: 'card_histories_sample.csv',
    title: 'Card histories: customers and their transactions (15 cards, 15,647 rows)',
    description:
      'The complete transaction histories of 15 simulated cards, 2019-01 to 2020-06, with a fraud burst on most: one profile per card (name, birth date, address, job) and a stream of transactions. Step 1 offers customers-and-transactions mode for it.',
    attribution:
      'Generated with the Sparkov data generator v0.4 (namebrandon/Sparkov_Data_Generation, commit bcb2558); rows are synthetic (CC0-1.0). Contains data tables from Sparkov_Data_Generation, MIT License, Copyright (c) 2016-2022 Brandon Harris.',
    license: 'CC0-1.0 (rows); MIT (generator tables)',
  },
];

export function sampleUrl(sample: BundledSample): string {
  return `${import.meta.env.BASE_URL}samples/${sample.file}`;
}
