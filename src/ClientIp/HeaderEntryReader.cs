using System;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// Reads the entries of a forwarding header from the right: the last header line first, each line from its end. Only
/// the entries actually read are scanned, so the work depends on the hops examined and not on the header's size, and
/// nothing is split into strings.
/// </summary>
/// <remarks>
/// An entry longer than <see cref="MaxEntryLength"/> (or, for <c>Forwarded</c>, <see cref="MaxForwardedElementLength"/>)
/// is reported as invalid after scanning at most that many characters. Scanning <c>Forwarded</c> from the right keeps
/// track of quoted strings, so an unmatched quote an attacker put further left can only spoil its own element.
/// </remarks>
internal struct HeaderEntryReader
{
    public const int MaxEntryLength = 256;
    public const int MaxForwardedElementLength = 1024;

    private readonly StringValues _lines;
    private readonly HeaderKind _kind;
    private int _lineIndex;
    private int _end; // exclusive end of the unread part of the current line; -1 = start the previous line

    public HeaderEntryReader(StringValues lines, HeaderKind kind)
    {
        _lines = lines;
        _kind = kind;
        _lineIndex = lines.Count - 1;
        _end = -1;
        Current = default;
    }

    public ParsedEntry Current { get; private set; }

    public bool MoveNext()
    {
        if (_lineIndex < 0)
        {
            return false;
        }

        var line = _lines[_lineIndex] ?? string.Empty;
        if (_end < 0)
        {
            _end = line.Length;
        }

        var limit = _kind == HeaderKind.Forwarded ? MaxForwardedElementLength : MaxEntryLength;
        var end = _end;
        var i = end - 1;
        var forbidden = false;
        var inQuotes = false;
        while (i >= 0)
        {
            var c = line[i];
            if (c == ',' && !inQuotes)
            {
                break;
            }

            if (end - i > limit)
            {
                // Overlong: stop scanning; the walk ends at this entry anyway.
                Current = ParsedEntry.Invalid;
                _lineIndex = -1;
                return true;
            }

            if (c == '"' && _kind == HeaderKind.Forwarded && (!inQuotes || !IsEscaped(line, i)))
            {
                inQuotes = !inQuotes;
            }

            forbidden |= IpSyntax.IsForbidden(c);
            i--;
        }

        var start = i + 1;
        if (i >= 0)
        {
            _end = i; // the next entry ends at this comma
        }
        else
        {
            _lineIndex--;
            _end = -1;
        }

        if (forbidden || inQuotes)
        {
            Current = ParsedEntry.Invalid;
            return true;
        }

        var entry = line.AsSpan(start, end - start);
        var first = 0;
        var last = entry.Length;
        while (first < last && IpSyntax.IsWhitespace(entry[first]))
        {
            first++;
        }

        while (last > first && IpSyntax.IsWhitespace(entry[last - 1]))
        {
            last--;
        }

        entry = entry[first..last];
        Current = _kind == HeaderKind.Forwarded ? IpSyntax.ParseForwardedElement(entry) : IpSyntax.ParseAddressEntry(entry);
        return true;
    }

    /// <summary>
    /// A quote inside a quoted string is escaped when an odd number of backslashes precede it. The count stops at the
    /// element length limit, so a long run of backslashes cannot make the scan quadratic.
    /// </summary>
    private static bool IsEscaped(string line, int quoteIndex)
    {
        var backslashes = 0;
        for (var j = quoteIndex - 1; j >= 0 && backslashes <= MaxForwardedElementLength && line[j] == '\\'; j--)
        {
            backslashes++;
        }

        return (backslashes & 1) == 1;
    }
}
