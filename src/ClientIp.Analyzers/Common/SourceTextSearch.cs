using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Common;

/// <summary>One occurrence of a needle: its index in the search's needles and where it starts in the text.</summary>
/// <remarks>A class, not a struct: a list of a struct of ours is code the ReadyToRun image cannot hold, JIT-compiled in
/// every fresh compiler (bench/analyzer-cost/README.md, lever 8); matches are few.</remarks>
internal sealed class TextMatch
{
    public TextMatch(int needle, int position)
    {
        Needle = needle;
        Position = position;
    }

    public int Needle { get; }
    public int Position { get; }
}

/// <summary>
/// Substring search for a fixed set of needles over a <see cref="SourceText"/>, in fixed-size chunks (no whole-file
/// string). Each needle is looked for at its rarest character: a vectorised search finds every such anchor, and only
/// there are the needles compared, so thirty needles cost about what three do. The anchors are searched five at a time:
/// the runtime vectorises a search for up to five characters directly, and a search for more was four times slower on
/// the benchmark app (one anchor hit in eighty characters). A needle whose rarest character is still common (the
/// <c>w</c> of <c>forwarded</c> in any case) is searched for whole instead.
/// </summary>
internal sealed class SourceTextSearch
{
    private const int ChunkSize = 4096, AnchorsPerPass = 5;

    // Anchors ranked after this many characters (from about one in two hundred and fifty of C# source: A, T, S, I, C
    // and the commoner lower-case letters) are too common.
    private const int CommonRank = 28;

    // ASCII letters, digits and the two separators, rarest first in C# source (counted over the generated benchmark app,
    // the samples and this repository); a character not listed counts as the rarest of all.
    private const string RarestFirst = "QZJXYKUVW-_jqzHGBPFxkvNMLODREATSICywbfgmpuhdclnoairset0123456789";

    private readonly string[] _needles;
    private readonly bool[] _ignoreCase;
    private readonly int[] _anchorOffsets;
    private readonly int[] _checkOffsets;
    private readonly char[] _checkChars;
    private readonly int[] _wholeNeedles;
    private readonly char[][] _anchorPasses;
    private readonly int[][][] _needlesByAnchor;
    private readonly int _longest;

    [ThreadStatic]
    private static char[]? s_buffer;

    /// <summary>Ordinal search for <paramref name="needles"/>.</summary>
    public SourceTextSearch(params string[] needles)
        : this(needles, new bool[needles.Length])
    {
    }

    /// <summary>Search for needles each compared ordinally or ignoring ASCII case.</summary>
    /// <param name="needles">The needles.</param>
    /// <param name="ignoreCase">For each needle, whether ASCII case is ignored.</param>
    /// <exception cref="ArgumentException">A needle is empty, or the two arrays differ in length.</exception>
    /// <remarks>Two arrays rather than a list of tuples: generic code over a tuple is JIT-compiled in every fresh compiler.</remarks>
    public SourceTextSearch(string[] needles, bool[] ignoreCase)
    {
        if (needles.Length != ignoreCase.Length)
        {
            throw new ArgumentException("Each needle needs its ignore-case flag.", nameof(ignoreCase));
        }

        _needles = new string[needles.Length];
        _ignoreCase = new bool[needles.Length];
        _anchorOffsets = new int[needles.Length];
        _checkOffsets = new int[needles.Length];
        _checkChars = new char[needles.Length];
        var byAnchor = new Dictionary<char, List<int>>();
        var whole = new List<int>();
        for (var i = 0; i < needles.Length; i++)
        {
            var text = needles[i];
            var ignoresCase = ignoreCase[i];
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("Needles must not be empty.", nameof(needles));
            }

            _needles[i] = text;
            _ignoreCase[i] = ignoresCase;
            _longest = Math.Max(_longest, text.Length);
            var (offset, rank) = RarestOffset(text, ignoresCase);
            _anchorOffsets[i] = offset;
            if (rank >= CommonRank && text.Length > 1)
            {
                whole.Add(i);
                continue;
            }

            // A neighbour of the anchor is compared first (-1, 0 or +1 from it): most anchors hit are no needle's, and
            // the hit's neighbours are read once for all the needles of that anchor.
            _checkOffsets[i] = offset + 1 < text.Length ? 1 : offset > 0 ? -1 : 0;
            _checkChars[i] = Fold(text[offset + _checkOffsets[i]], ignoresCase);
            foreach (var anchor in ignoresCase ? new[] { char.ToLowerInvariant(text[offset]), char.ToUpperInvariant(text[offset]) } : new[] { text[offset] })
            {
                if (!byAnchor.TryGetValue(anchor, out var list))
                {
                    byAnchor[anchor] = list = new List<int>();
                }

                if (!list.Contains(i))
                {
                    list.Add(i);
                }
            }
        }

        _wholeNeedles = whole.ToArray();
        var anchors = new List<char>(byAnchor.Keys);
        _anchorPasses = new char[(anchors.Count + AnchorsPerPass - 1) / AnchorsPerPass][];
        _needlesByAnchor = new int[_anchorPasses.Length][][];
        for (var pass = 0; pass < _anchorPasses.Length; pass++)
        {
            var inPass = anchors.GetRange(pass * AnchorsPerPass, Math.Min(AnchorsPerPass, anchors.Count - (pass * AnchorsPerPass)));
            _anchorPasses[pass] = inPass.ToArray();
            _needlesByAnchor[pass] = new int[inPass.Count][];
            for (var k = 0; k < inPass.Count; k++)
            {
                _needlesByAnchor[pass][k] = byAnchor[inPass[k]].ToArray();
            }
        }
    }

    /// <summary>Which of the first 32 needles occur in <paramref name="text"/>, as a bit mask by index.</summary>
    public int Find(SourceText text, CancellationToken ct) => Scan(text, matches: null, ct);

    /// <summary>Adds every occurrence of every needle in <paramref name="text"/> to <paramref name="matches"/> (not in text order).</summary>
    public void FindAll(SourceText text, List<TextMatch> matches, CancellationToken ct) => Scan(text, matches, ct);

    private int Scan(SourceText text, List<TextMatch>? matches, CancellationToken ct)
    {
        if (_needles.Length == 0)
        {
            return 0;
        }

        // Each chunk repeats the last (longest - 1) characters of the previous one so no match straddles a boundary; a
        // match lying wholly in that repeated part was found in the previous chunk and is skipped.
        var buffer = s_buffer is { } cached && cached.Length >= ChunkSize + _longest ? cached : s_buffer = new char[ChunkSize + _longest];
        int found = 0, all = _needles.Length >= 32 ? -1 : (1 << _needles.Length) - 1;
        for (var start = 0; start < text.Length && (matches is not null || found != all); start += ChunkSize)
        {
            ct.ThrowIfCancellationRequested();
            var from = Math.Max(0, start - (_longest - 1));
            var count = Math.Min(text.Length, start + ChunkSize) - from;
            text.CopyTo(from, buffer, 0, count);
            var window = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var needle in _wholeNeedles)
            {
                var comparison = _ignoreCase[needle] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                var length = _needles[needle].Length;
                for (var at = 0; at <= count - length;)
                {
                    var hit = window.Slice(at).IndexOf(_needles[needle].AsSpan(), comparison);
                    if (hit < 0)
                    {
                        break;
                    }

                    hit += at;
                    at = hit + 1;
                    if (from + hit + length > start)
                    {
                        found |= Bit(needle);
                        matches?.Add(new TextMatch(needle, from + hit));
                        if (matches is null)
                        {
                            break;
                        }
                    }
                }
            }

            for (var pass = 0; pass < _anchorPasses.Length; pass++)
            {
                var anchors = _anchorPasses[pass];
                for (var at = 0; at < count;)
                {
                    var hit = window.Slice(at).IndexOfAny(anchors);
                    if (hit < 0)
                    {
                        break;
                    }

                    hit += at;
                    at = hit + 1;
                    var previous = hit > 0 ? window[hit - 1] : '\0';
                    var next = hit + 1 < count ? window[hit + 1] : '\0';
                    var anchor = window[hit];
                    foreach (var needle in _needlesByAnchor[pass][Array.IndexOf(anchors, anchor)])
                    {
                        var check = _checkOffsets[needle] switch { 1 => next, -1 => previous, _ => anchor };
                        if (Fold(check, _ignoreCase[needle]) != _checkChars[needle])
                        {
                            continue;
                        }

                        var matchStart = hit - _anchorOffsets[needle];
                        var length = _needles[needle].Length;
                        if (matchStart < 0 || matchStart + length > count || from + matchStart + length <= start ||
                            !window.Slice(matchStart, length).Equals(_needles[needle].AsSpan(), _ignoreCase[needle] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                        {
                            continue;
                        }

                        found |= Bit(needle);
                        matches?.Add(new TextMatch(needle, from + matchStart));
                    }
                }
            }
        }

        return found;
    }

    private static (int Offset, int Rank) RarestOffset(string needle, bool ignoreCase)
    {
        int best = 0, bestRank = int.MaxValue;
        for (var i = 0; i < needle.Length; i++)
        {
            var c = needle[i];
            // Ignoring case, both spellings are anchors: the commoner one decides how often the anchor is hit.
            var rank = ignoreCase ? Math.Max(Rank(char.ToLowerInvariant(c)), Rank(char.ToUpperInvariant(c))) : Rank(c);
            if (rank < bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }

        return (best, bestRank);
    }

    // A needle's bit in Find's mask (the first 32 needles have one).
    private static int Bit(int needle) => needle < 32 ? 1 << needle : 0;

    // ASCII letters to lower case when case is ignored (anything else is compared as it is, then by Equals).
    private static char Fold(char c, bool ignoreCase) => ignoreCase && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

    private static int Rank(char c) => RarestFirst.IndexOf(c);
}
