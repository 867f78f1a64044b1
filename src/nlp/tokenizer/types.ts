/**
 * The shapes the tokenizer hands out: {@link Token} to the decisions of src/nlp,
 * {@link RawToken} (kuromoji's own token) between the piece tokenizers and the position
 * arithmetic, and {@link PieceTokenizer}, what either tokenizer (tejun's lattice or kuromoji's
 * own) offers.
 */
import type kuromoji from 'kuromoji';

/** One token of a sentence, with offsets into the original (unmasked) text. */
export interface Token {
  /** The token's text as it is in the original sentence (a masked span is restored whole). */
  surface: string;
  /** Part of speech (`名詞`, `動詞`, `助詞`, …); `名詞` for a masked span. */
  pos: string;
  /** First POS detail (`格助詞`, `サ変接続`, …); `固有名詞` for a masked span. */
  posDetail: string;
  /** Dictionary form (`置き換える` for `置き換え`); the surface when the dictionary has none. */
  basic: string;
  /** Conjugated form (`連用形`, …) or `*`. */
  conjugatedForm: string;
  /** UTF-16 offset of the token in the original text (inclusive). */
  start: number;
  /** UTF-16 offset just after the token in the original text. */
  end: number;
  /** True when the token is (or holds) a masked identifier, path, URL or inline code. */
  masked: boolean;
}

/** The first tokens of a text, from `tokenizeThrough` or `tokenizePieces`. */
export interface TokenPrefix {
  /** The first tokens of `tokenize(text)`: equal to them, offsets and all. */
  tokens: Token[];
  /** True when `tokens` are all the tokens of the text. */
  complete: boolean;
}

/**
 * kuromoji's token as its IPADIC formatter builds it (`word_id`, `word_type`, `word_position`
 * 1-based, `surface_form`, `pos`, `pos_detail_1…3`, `conjugated_type`, `conjugated_form`,
 * `basic_form`, and for known words `reading`, `pronunciation`).
 */
export type RawToken = kuromoji.IpadicFeatures;

/** Which tokenizer serves the pieces: tejun's lattice over kuromoji's dictionary, or kuromoji's own. */
export type TokenizerKind = 'tejun' | 'kuromoji';

/**
 * A tokenizer of pieces (a piece: text with 、 or 。 only as its last character, see
 * `splitPieces`): what kuromoji's `tokenize(piece)` gives, positions 1-based within the piece.
 */
export interface PieceTokenizer {
  /** Which implementation this is. */
  readonly kind: TokenizerKind;
  /** Why kuromoji's own tokenizer was chosen (the shape check's differences, or the environment); undefined for tejun's. */
  readonly reason?: string;
  /**
   * The tokens of one non-empty piece.
   * @throws as kuromoji throws on a dictionary it cannot read (never for a well-formed piece).
   */
  tokenizePiece(piece: string): RawToken[];
}
