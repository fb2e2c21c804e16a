/**
 * The QQOQCCP prompts of seed 002 (qui, quoi, où, quand, comment, combien,
 * pourquoi) that help a person describe a problem completely. The labels come
 * from the caller, in the person's language.
 */

export const DESCRIBE_PROMPTS = ['who', 'what', 'where', 'when', 'how', 'how-much', 'why'] as const;

export type DescribePrompt = (typeof DESCRIBE_PROMPTS)[number];

/** One line per prompt, "Label: ", to fill in the description with. */
export function descriptionTemplate(labels: Record<DescribePrompt, string>): string {
  return DESCRIBE_PROMPTS.map((prompt) => `${labels[prompt]}: `).join('\n');
}

/**
 * The prompts whose line in `description` has some text after the colon, in
 * prompt order. A line counts whatever the case of its label, the spaces
 * around the colon (French "Qui : ") or a list marker before it ("- Qui:").
 */
export function answeredPrompts(description: string, labels: Record<DescribePrompt, string>): DescribePrompt[] {
  const lines = description.split(/\r\n?|\n/);
  return DESCRIBE_PROMPTS.filter((prompt) => {
    const label = labels[prompt].trim();
    if (label === '') return false;
    const line = new RegExp(`^[\\s*•-]*${escapeRegExp(label)}\\s*:(.*)$`, 'isu');
    return lines.some((text) => line.exec(text)?.[1]!.trim());
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
