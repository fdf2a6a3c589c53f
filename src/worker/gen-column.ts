/** A modelled column as the Generate screen needs it, whichever model (GAN or engine) generates. */
export interface GenColumn {
  name: string;
  role: 'continuous' | 'categorical' | 'datetime';
  /** categorical: the labels the model knows (these can be fixed) */
  labels?: string[];
  /** numeric: the training range */
  min?: number;
  max?: number;
  integer?: boolean;
}
