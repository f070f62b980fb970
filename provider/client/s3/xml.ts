/** Escaping for the few XML documents the S3 client sends (tag sets, part lists). */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}
