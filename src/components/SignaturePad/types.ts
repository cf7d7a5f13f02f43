export interface SignatureChange {
  /** nothing drawn (or everything undone / cleared) */
  empty: boolean;
  /** number of strokes on the pad */
  strokes: number;
}

export interface SignaturePadProps {
  /** pad height in design px (rpx on weapp); default 400 */
  height?: number;
  onChange?: (change: SignatureChange) => void;
}

export interface SignaturePadHandle {
  /**
   * The signature as a PNG: a temp file path on weapp (ready for
   * Taro.uploadFile), a data: URL on H5. Rejects with a Chinese message
   * when the pad is empty or the phone cannot export.
   */
  exportPng(): Promise<string>;
}
