/**
 * Instruction verbs more than one block handler asks about (headings and paragraphs both name the
 * file to edit).
 */

/** An instruction to add lines to a file (追記, add, append, …). */
export const ADD_VERB = /追記|追加|\badd(?:ing)?\b|append|contain the following/i;

/** An instruction to edit a file (編集, 設定, edit, modify, …): a file it names is the file to edit. */
export const EDIT_VERB = /追記|追加|編集|記載|置き換|変更|更新|設定|以下の|add|append|edit|modify|contain|following|replace/i;
