// The card's QR code as SVG (crisp at any print size); its own module so only the card page loads the encoder.
import { useMemo } from 'preact/hooks';
import { qrDrawing } from '../../medical-id/qr';

/** A QR code of `text` as SVG; crisp at any print size. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => qrDrawing(text), [text]);
  return (
    <svg class="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} data-url={text} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
