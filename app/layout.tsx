import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { appTimeZone } from "@/server/i18n/time";

export const metadata: Metadata = {
  title: { default: "建言", template: "%s · 建言" },
  description: "调研报告协同起草与意见建议征集",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN" data-time-zone={appTimeZone()}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
