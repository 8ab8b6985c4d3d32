/** A status badge of the directives pages: a light tint and dark text (WCAG AA); the word says it. */
import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

export function Tag({
  color,
  children,
}: {
  color: 'green' | 'orange' | 'red' | 'gray' | 'blue';
  children: ReactNode;
}) {
  return (
    <Badge
      color={color}
      c="dark.8"
      variant="light"
      tt="none"
      size="lg"
      style={{ flexShrink: 0, maxWidth: '100%' }}
    >
      {children}
    </Badge>
  );
}
