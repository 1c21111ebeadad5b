import type { TargetLanguage } from "../common/languages.js";

/** The desk's few extra words: syndicated copies, topics, the zone of the times, article pages. */
export interface DeskWords {
  also: string;
  topic: string;
  times: string;
  noTopic: string;
  original: string;
  comments: string;
  summary: string;
  keyPoints: string;
  failedGates: string;
  back: string;
  quote: string;
}

const WORDS: Record<TargetLanguage, DeskWords> = {
  en: { also: "also", topic: "Topic", times: "Times in", noTopic: "Other", original: "Bulgarian original", comments: "Reader comments", summary: "Summary", keyPoints: "Key points", failedGates: "Failed checks", back: "Bulletin", quote: "quote" },
  ru: { also: "также", topic: "Тема", times: "Время", noTopic: "Другое", original: "Оригинал на болгарском", comments: "Комментарии читателей", summary: "Кратко", keyPoints: "Главное", failedGates: "Непройденные проверки", back: "Бюллетень", quote: "цитата" },
  "sr-Cyrl": { also: "такође", topic: "Тема", times: "Време", noTopic: "Остало", original: "Бугарски оригинал", comments: "Коментари читалаца", summary: "Сажетак", keyPoints: "Кључне тачке", failedGates: "Неуспеле провере", back: "Билтен", quote: "цитат" },
  "sr-Latn": { also: "takođe", topic: "Tema", times: "Vreme", noTopic: "Ostalo", original: "Bugarski original", comments: "Komentari čitalaca", summary: "Sažetak", keyPoints: "Ključne tačke", failedGates: "Neuspele provere", back: "Bilten", quote: "citat" },
};

export function deskWords(language: TargetLanguage): DeskWords {
  return WORDS[language];
}
