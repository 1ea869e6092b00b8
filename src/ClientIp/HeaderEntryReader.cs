using System;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// Reads the entries of a forwarding header from the right: the last header line first, each line from its end. Only
/// the entries actually read are scanned, and nothing is split into strings.
/// </summary>
/// <remarks>
/// An <c>X-Forwarded-For</c> or single-address entry longer than <see cref="MaxEntryLength"/> is reported as invalid
/// after scanning at most that many characters, so the work depends on the hops examined and not on the header's size.
/// A <c>Forwarded</c> element is read to its end, because its other parameters (a copied <c>Host</c>) may be long; only
/// its <c>for</c> value is bounded. The element's end is found from the right, keeping track of quoted strings, so an
/// unmatched quote further left can only spoil its own element. When an element's own quotes do not pair up (a proxy
/// copied a <c>Host</c> with a stray quote), the element ends at the nearest comma instead.
/// </remarks>
internal struct HeaderEntryReader
{
    /// <summary>The longest address entry, and the longest <c>for</c> value of a <c>Forwarded</c> element.</summary>
    public const int MaxEntryLength = 256;

    private readonly StringValues _lines;
    private readonly HeaderKind _kind;
    private int _lineIndex;
    private int _end; // exclusive end of the unread part of the current line; -1 = start the previous line
    private string? _currentLine;
    private int _currentStart;
    private int _currentLength;

    public HeaderEntryReader(StringValues lines, HeaderKind kind)
    {
        _lines = lines;
        _kind = kind;
        _lineIndex = lines.Count - 1;
        _end = -1;
        Current = default;
    }

    public ParsedEntry Current { get; private set; }

    /// <summary>The text of the current entry, trimmed of optional whitespace.</summary>
    public readonly ReadOnlySpan<char> CurrentText => _currentLine.AsSpan(_currentStart, _currentLength).Trim(" \t");

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

        var end = _end;
        int comma; // the comma that ends this entry on the left, or -1 at the start of the line
        if (_kind == HeaderKind.Forwarded)
        {
            comma = FindElementStart(line, end);
        }
        else
        {
            comma = end - 1;
            while (comma >= 0 && line[comma] != ',')
            {
                if (end - comma > MaxEntryLength)
                {
                    // Overlong: stop scanning; the walk ends at this entry anyway.
                    Current = ParsedEntry.Invalid;
                    _lineIndex = -1;
                    return true;
                }

                comma--;
            }
        }

        if (comma >= 0)
        {
            _end = comma; // the next entry ends at this comma
        }
        else
        {
            _lineIndex--;
            _end = -1;
        }

        _currentLine = line;
        _currentStart = comma + 1;
        _currentLength = end - comma - 1;
        var entry = CurrentText;
        // No character check of its own: the strict parsers accept only ASCII digits, hex, dots, colons, brackets and
        // visible ASCII zones, so control characters and non-ASCII never make an address.
        Current = entry.IsEmpty ? ParsedEntry.Empty
            : _kind == HeaderKind.Forwarded ? IpSyntax.ParseForwardedElement(entry)
            : IpSyntax.ParseAddressEntry(entry);
        return true;
    }

    /// <summary>The comma before the element that ends at <paramref name="end"/> (-1: the line's start).</summary>
    private static int FindElementStart(string line, int end)
    {
        var inQuotes = false;
        var i = end - 1;
        for (; i >= 0; i--)
        {
            var c = line[i];
            if (c == ',' && !inQuotes)
            {
                return i;
            }

            if (c == '"' && (!inQuotes || !IsEscaped(line, i)))
            {
                inQuotes = !inQuotes;
            }
        }

        // The element's quotes do not pair up: its quoted strings cannot be told apart, so end it at the nearest comma.
        return inQuotes ? line.LastIndexOf(',', end - 1) : -1;
    }

    /// <summary>A quote inside a quoted string is escaped when an odd number of backslashes precede it.</summary>
    private static bool IsEscaped(string line, int quoteIndex)
    {
        var backslashes = 0;
        for (var j = quoteIndex - 1; j >= 0 && line[j] == '\\'; j--)
        {
            backslashes++;
        }

        return (backslashes & 1) == 1;
    }
}
