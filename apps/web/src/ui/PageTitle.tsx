import { Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

/** The page's single h1, also used as the browser tab title. */
export function PageTitle({ children }: { children: string }) {
  useDocumentTitle(`${children} · Stepwise`);
  return (
    <Title order={1} mb="md">
      {children}
    </Title>
  );
}
