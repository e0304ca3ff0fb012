/** A failure message, announced at once by screen readers; renders nothing without a message. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
