using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Common;

/// <summary>One occurrence of a needle: its index in the search's needles and where it starts in the text.</summary>
internal readonly struct TextMatch
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
/// Substring search for a fixed set of needles over a <see cref="SourceText"/>, in one pass and in fixed-size chunks
/// (no whole-file string). Each needle is looked for at its rarest character: one vectorised search finds every such
/// anchor, and only there are the needles compared, so ten needles cost about what one does.
/// </summary>
internal sealed class SourceTextSearch
{
    private const int ChunkSize = 4096;

    // ASCII letters, digits and the two separators, rarest first in C# source (counted over the generated benchmark app,
    // the samples and this repository); a character not listed counts as the rarest of all.
    private const string RarestFirst = "QZJXYKUVW-_jqzHGBPFxkvNMLODREATSICywbfgmpuhdclnoairset0123456789";

    private readonly string[] _needles;
    private readonly bool[] _ignoreCase;
    private readonly int[] _anchorOffsets;
    private readonly int[] _checkOffsets;
    private readonly char[] _checkChars;
    private readonly char[] _anchors;
    private readonly Dictionary<char, int[]> _needlesByAnchor = new();
    private readonly int _longest;

    /// <summary>Ordinal search for <paramref name="needles"/>.</summary>
    public SourceTextSearch(params string[] needles)
        : this(Array.ConvertAll(needles, needle => (needle, false)))
    {
    }

    /// <summary>Search for needles each compared ordinally or ignoring ASCII case.</summary>
    /// <exception cref="ArgumentException">A needle is empty.</exception>
    public SourceTextSearch(IReadOnlyList<(string Text, bool IgnoreCase)> needles)
    {
        _needles = new string[needles.Count];
        _ignoreCase = new bool[needles.Count];
        _anchorOffsets = new int[needles.Count];
        _checkOffsets = new int[needles.Count];
        _checkChars = new char[needles.Count];
        var byAnchor = new Dictionary<char, List<int>>();
        for (var i = 0; i < needles.Count; i++)
        {
            var (text, ignoreCase) = needles[i];
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("Needles must not be empty.", nameof(needles));
            }

            _needles[i] = text;
            _ignoreCase[i] = ignoreCase;
            _longest = Math.Max(_longest, text.Length);
            var offset = RarestOffset(text, ignoreCase);
            _anchorOffsets[i] = offset;
            // A neighbour of the anchor is compared first: most anchors hit are no needle's.
            _checkOffsets[i] = offset + 1 < text.Length ? offset + 1 : Math.Max(0, offset - 1);
            _checkChars[i] = Fold(text[_checkOffsets[i]], ignoreCase);
            foreach (var anchor in ignoreCase ? new[] { char.ToLowerInvariant(text[offset]), char.ToUpperInvariant(text[offset]) } : new[] { text[offset] })
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

        _anchors = new char[byAnchor.Count];
        var next = 0;
        foreach (var pair in byAnchor)
        {
            _anchors[next++] = pair.Key;
            _needlesByAnchor[pair.Key] = pair.Value.ToArray();
        }
    }

    /// <summary>The number of needles.</summary>
    public int Count => _needles.Length;

    /// <summary>Ordinal search for <paramref name="needles"/> (at most 32) in <paramref name="text"/>: which occur, as a bit mask by index.</summary>
    public static int Find(SourceText text, string[] needles, CancellationToken ct) => new SourceTextSearch(needles).Find(text, ct);

    /// <summary>Which of the first 32 needles occur in <paramref name="text"/>, as a bit mask by index.</summary>
    public int Find(SourceText text, CancellationToken ct) => Scan(text, matches: null, ct);

    /// <summary>Adds every occurrence of every needle in <paramref name="text"/> to <paramref name="matches"/>, in text order.</summary>
    public void FindAll(SourceText text, List<TextMatch> matches, CancellationToken ct) => Scan(text, matches, ct);

    private int Scan(SourceText text, List<TextMatch>? matches, CancellationToken ct)
    {
        if (_needles.Length == 0)
        {
            return 0;
        }

        // Each chunk repeats the last (longest - 1) characters of the previous one so no match straddles a boundary; a
        // match lying wholly in that repeated part was found in the previous chunk and is skipped.
        var buffer = new char[ChunkSize + _longest];
        int found = 0, all = _needles.Length >= 32 ? -1 : (1 << _needles.Length) - 1;
        for (var start = 0; start < text.Length && (matches is not null || found != all); start += ChunkSize)
        {
            ct.ThrowIfCancellationRequested();
            var from = Math.Max(0, start - (_longest - 1));
            var count = Math.Min(text.Length, start + ChunkSize) - from;
            text.CopyTo(from, buffer, 0, count);
            var window = new ReadOnlySpan<char>(buffer, 0, count);
            for (var at = 0; at < count;)
            {
                var hit = window.Slice(at).IndexOfAny(_anchors);
                if (hit < 0)
                {
                    break;
                }

                hit += at;
                foreach (var needle in _needlesByAnchor[window[hit]])
                {
                    var matchStart = hit - _anchorOffsets[needle];
                    var length = _needles[needle].Length;
                    if (matchStart < 0 || matchStart + length > count || from + matchStart + length <= start ||
                        Fold(window[matchStart + _checkOffsets[needle]], _ignoreCase[needle]) != _checkChars[needle] ||
                        !window.Slice(matchStart, length).Equals(_needles[needle].AsSpan(), _ignoreCase[needle] ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (needle < 32)
                    {
                        found |= 1 << needle;
                    }

                    matches?.Add(new TextMatch(needle, from + matchStart));
                }

                at = hit + 1;
            }
        }

        return found;
    }

    private static int RarestOffset(string needle, bool ignoreCase)
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

        return best;
    }

    // ASCII letters to lower case when case is ignored (anything else is compared as it is, then by Equals).
    private static char Fold(char c, bool ignoreCase) => ignoreCase && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

    private static int Rank(char c) => RarestFirst.IndexOf(c);
}
