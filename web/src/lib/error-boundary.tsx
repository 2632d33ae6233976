/**
 * Shows `fallback` instead of its children once they fail: a page's code no longer on the server (a new
 * version was installed since the tab opened, and the old version's files went with it) or a fault while
 * rendering — rather than an empty screen. No text of its own, so the staff app and the public pages (which
 * share no dictionary) each say it in theirs. Key it by the address to start afresh on another page.
 */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<
  { children: ReactNode; fallback: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
