using System;

namespace ClientIp;

/// <summary>
/// The one strict parser for addresses, ports and zones, used for header entries and for configuration alike.
/// Unlike <see cref="System.Net.IPAddress.Parse(string)"/> it accepts IPv4 only as four decimal octets without leading
/// zeros (no <c>127.1</c>, <c>010.0.0.1</c>, <c>0x7f.0.0.1</c> or <c>1</c>), so proxies, logs and this library never
/// disagree about which address an entry names.
/// </summary>
internal static class IpSyntax
{
    /// <summary>Exactly four decimal octets, each 0–255 without leading zeros.</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        var octets = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            uint octet = 0;
            while (i < text.Length && i - start < 4 && IsDigit(text[i]))
            {
                octet = (octet * 10) + (uint)(text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            address = (address << 8) | octet;
            octets++;
            if (octets == 4)
            {
                return i == text.Length;
            }

            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>
    /// An IPv6 address without brackets or zone: up to eight groups of one to four hex digits, at most one <c>::</c>,
    /// optionally ending in a strict dotted quad.
    /// </summary>
    public static bool TryParseIPv6(ReadOnlySpan<char> text, out ulong high, out ulong low)
    {
        high = 0;
        low = 0;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var compressedAt = -1;
        var i = 0;
        if (text.Length < 2)
        {
            return false;
        }

        if (text[0] == ':')
        {
            if (text[1] != ':')
            {
                return false;
            }

            compressedAt = 0;
            i = 2;
        }

        while (i < text.Length)
        {
            var start = i;
            var value = 0;
            while (i < text.Length && i - start < 5 && HexValue(text[i]) is var digit && digit >= 0)
            {
                value = (value << 4) | digit;
                i++;
            }

            if (i < text.Length && text[i] == '.')
            {
                // An embedded dotted quad takes the last two groups.
                if (count > 6 || !TryParseIPv4(text[start..], out var v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                i = text.Length;
                break;
            }

            var digits = i - start;
            if (digits is 0 or > 4 || count == 8)
            {
                return false;
            }

            groups[count++] = (ushort)value;
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != ':')
            {
                return false;
            }

            i++;
            if (i < text.Length && text[i] == ':')
            {
                if (compressedAt >= 0)
                {
                    return false;
                }

                compressedAt = count;
                i++;
            }
            else if (i == text.Length)
            {
                return false;
            }
        }

        if (compressedAt < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        Span<ushort> full = stackalloc ushort[8];
        if (compressedAt < 0)
        {
            groups.CopyTo(full);
        }
        else
        {
            groups[..compressedAt].CopyTo(full);
            var tail = count - compressedAt;
            groups.Slice(compressedAt, tail).CopyTo(full[(8 - tail)..]);
        }

        for (var g = 0; g < 4; g++)
        {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }

        return true;
    }

    /// <summary>A port: one to five decimal digits without a sign, spaces or leading zeros, at most 65535.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.Length is 0 or > 5 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsDigit(c))
            {
                return false;
            }

            port = (port * 10) + (c - '0');
        }

        return port <= 65535;
    }

    /// <summary>
    /// An IPv6 zone after <c>%</c> (<c>eth0</c>, <c>4</c>): visible ASCII without delimiters. The zone is checked and then
    /// dropped; it never takes part in matching.
    /// </summary>
    public static bool IsValidZone(ReadOnlySpan<char> zone)
    {
        if (zone.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in zone)
        {
            if (c <= ' ' || c >= 0x7F || c is '%' or ':' or '/' or '[' or ']' or '"' or ',' or ';' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An IPv6 address with an optional zone, which is validated and dropped.</summary>
    public static bool TryParseIPv6WithZone(ReadOnlySpan<char> text, out IpValue address)
    {
        address = default;
        var percent = text.IndexOf('%');
        if (percent >= 0)
        {
            if (!IsValidZone(text[(percent + 1)..]))
            {
                return false;
            }

            text = text[..percent];
        }

        if (!TryParseIPv6(text, out var high, out var low))
        {
            return false;
        }

        address = IpValue.FromIPv6(high, low);
        return true;
    }

    /// <summary>
    /// One entry of <c>X-Forwarded-For</c> or a single-address header, already trimmed: <c>a.b.c.d</c>, <c>a.b.c.d:port</c>,
    /// a bare IPv6 address (optionally with a zone), <c>[v6]</c> or <c>[v6]:port</c>. <c>unknown</c> and <c>_name</c> are
    /// obfuscated nodes. Ports are only accepted where they cannot be confused with an IPv6 group.
    /// </summary>
    public static ParsedEntry ParseAddressEntry(ReadOnlySpan<char> entry)
    {
        if (entry.IsEmpty)
        {
            return ParsedEntry.Invalid;
        }

        if (IsObfuscatedNode(entry))
        {
            return ParsedEntry.Obfuscated;
        }

        if (entry[0] == '[')
        {
            var close = entry.IndexOf(']');
            if (close < 0 || !TryParseIPv6WithZone(entry[1..close], out var bracketed))
            {
                return ParsedEntry.Invalid;
            }

            var rest = entry[(close + 1)..];
            if (rest.IsEmpty)
            {
                return ParsedEntry.ForAddress(bracketed, -1);
            }

            return rest[0] == ':' && TryParsePort(rest[1..], out var bracketedPort)
                ? ParsedEntry.ForAddress(bracketed, bracketedPort)
                : ParsedEntry.Invalid;
        }

        var colon = entry.IndexOf(':');
        if (colon < 0)
        {
            return TryParseIPv4(entry, out var v4) ? ParsedEntry.ForAddress(IpValue.FromIPv4(v4), -1) : ParsedEntry.Invalid;
        }

        if (entry[(colon + 1)..].IndexOf(':') < 0)
        {
            // Exactly one colon: only "a.b.c.d:port" has that shape.
            return TryParseIPv4(entry[..colon], out var v4WithPort) && TryParsePort(entry[(colon + 1)..], out var port)
                ? ParsedEntry.ForAddress(IpValue.FromIPv4(v4WithPort), port)
                : ParsedEntry.Invalid;
        }

        // A bare IPv6 address never carries a port: "2001:db8::1:8080" is an address, not an address and a port.
        return TryParseIPv6WithZone(entry, out var v6) ? ParsedEntry.ForAddress(v6, -1) : ParsedEntry.Invalid;
    }

    /// <summary>
    /// One RFC 7239 <c>Forwarded</c> element (<c>for=192.0.2.43;proto=https;by=...</c>), already trimmed. The answer is
    /// its single <c>for</c> parameter, which must be a well-formed token or quoted string of at most
    /// <see cref="HeaderEntryReader.MaxEntryLength"/> characters. Other parameters are skipped without being judged: a
    /// proxy that copies a client's <c>Host</c> into <c>host="..."</c> (long, non-ASCII, with a stray quote) must not
    /// spoil the address it wrote next to it. Empty pairs (<c>;;</c>) are allowed, as the grammar does; a repeated
    /// <c>for</c> makes the element ambiguous and invalid.
    /// </summary>
    public static ParsedEntry ParseForwardedElement(ReadOnlySpan<char> element) =>
        TryGetForwardedParameter(element, "for", out var node, out var quoted) && node.Length <= HeaderEntryReader.MaxEntryLength
            ? ParseForwardedNode(node, quoted)
            : ParsedEntry.Invalid;

    /// <summary>
    /// The value of parameter <paramref name="name"/> of a <c>Forwarded</c> element, when it occurs exactly once and
    /// well-formed (a token, or a quoted string whose quotes are returned removed but whose escapes are kept). Other
    /// parameters are skipped without being judged; a malformed pair is skipped up to the next ';' outside quotes.
    /// </summary>
    public static bool TryGetForwardedParameter(ReadOnlySpan<char> element, string name, out ReadOnlySpan<char> value, out bool quoted)
    {
        value = default;
        quoted = false;
        var state = ParameterState.Absent;
        var i = 0;
        while (true)
        {
            i = SkipWhitespace(element, i);
            if (i == element.Length)
            {
                break;
            }

            if (element[i] == ';')
            {
                i++; // an empty pair
                continue;
            }

            var nameStart = i;
            while (i < element.Length && IsTokenChar(element[i]))
            {
                i++;
            }

            var pairName = element[nameStart..i];
            var wellFormed = !pairName.IsEmpty && i < element.Length && element[i] == '=';
            ReadOnlySpan<char> pairValue = default;
            var pairQuoted = false;
            if (wellFormed)
            {
                i++;
                if (i < element.Length && element[i] == '"')
                {
                    var valueStart = ++i;
                    i = SkipQuotedString(element, i);
                    wellFormed = i < element.Length; // the closing quote was found
                    pairValue = element[valueStart..i];
                    pairQuoted = true;
                    i = Math.Min(i + 1, element.Length);
                }
                else
                {
                    var valueStart = i;
                    while (i < element.Length && IsTokenChar(element[i]))
                    {
                        i++;
                    }

                    pairValue = element[valueStart..i];
                    wellFormed = !pairValue.IsEmpty;
                }

                i = SkipWhitespace(element, i);
                wellFormed &= i == element.Length || element[i] == ';';
            }

            if (!wellFormed)
            {
                // Skip the rest of this pair (an unterminated quote takes the rest of the element with it).
                i = SkipToSemicolon(element, i);
            }

            if (pairName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                // A second occurrence makes the parameter ambiguous, whatever the two say.
                state = state == ParameterState.Absent && wellFormed ? ParameterState.Present : ParameterState.Malformed;
                value = pairValue;
                quoted = pairQuoted;
            }

            if (i < element.Length)
            {
                i++; // the ';'
            }
        }

        return state == ParameterState.Present;
    }

    /// <summary>From just after an opening quote: the index of the closing quote, or the length when there is none.</summary>
    private static int SkipQuotedString(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] != '"')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i, text.Length);
    }

    /// <summary>The index of the next ';' outside a quoted string, or the length.</summary>
    private static int SkipToSemicolon(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] != ';')
        {
            i = text[i] == '"' ? SkipQuotedString(text, i + 1) + 1 : i + 1;
        }

        return Math.Min(i, text.Length);
    }

    /// <summary>
    /// <c>node = nodename [ ":" node-port ]</c> with <c>nodename = IPv4address / "[" IPv6address "]" / "unknown" / obfnode</c>.
    /// Colons and brackets are not token characters, so a port or an IPv6 address requires quotes.
    /// </summary>
    private static ParsedEntry ParseForwardedNode(ReadOnlySpan<char> node, bool quoted)
    {
        // A legitimate node never needs a quoted-pair; refusing backslashes keeps the value free of escapes.
        if (node.IsEmpty || node.IndexOf('\\') >= 0)
        {
            return ParsedEntry.Invalid;
        }

        ReadOnlySpan<char> name;
        ReadOnlySpan<char> port = default;
        var hasPort = false;
        if (node[0] == '[')
        {
            var close = node.IndexOf(']');
            if (!quoted || close < 0)
            {
                return ParsedEntry.Invalid;
            }

            name = node[..(close + 1)];
            var rest = node[(close + 1)..];
            if (!rest.IsEmpty)
            {
                if (rest[0] != ':')
                {
                    return ParsedEntry.Invalid;
                }

                port = rest[1..];
                hasPort = true;
            }
        }
        else
        {
            var colon = node.IndexOf(':');
            name = colon < 0 ? node : node[..colon];
            if (colon >= 0)
            {
                port = node[(colon + 1)..];
                hasPort = true;
            }
        }

        if (name.IsEmpty)
        {
            return ParsedEntry.Invalid; // ":80" names no node
        }

        var portNumber = -1;
        if (hasPort && !(IsObfuscatedIdentifier(port) || TryParsePort(port, out portNumber)))
        {
            return ParsedEntry.Invalid;
        }

        if (IsObfuscatedNode(name))
        {
            return ParsedEntry.Obfuscated;
        }

        if (name[0] == '[')
        {
            // RFC 7239 uses RFC 3986's IPv6address, which has no zone.
            return name[^1] == ']' && TryParseIPv6(name[1..^1], out var high, out var low)
                ? ParsedEntry.ForAddress(IpValue.FromIPv6(high, low), portNumber)
                : ParsedEntry.Invalid;
        }

        return TryParseIPv4(name, out var v4) ? ParsedEntry.ForAddress(IpValue.FromIPv4(v4), portNumber) : ParsedEntry.Invalid;
    }

    /// <summary><c>unknown</c> (any case) or an obfuscated identifier <c>"_" 1*(ALPHA / DIGIT / "." / "_" / "-")</c>.</summary>
    private static bool IsObfuscatedNode(ReadOnlySpan<char> name) =>
        name.Equals("unknown", StringComparison.OrdinalIgnoreCase) || IsObfuscatedIdentifier(name);

    private static bool IsObfuscatedIdentifier(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[0] != '_')
        {
            return false;
        }

        foreach (var c in text[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private enum ParameterState
    {
        Absent,
        Present,
        Malformed,
    }

    private static int SkipWhitespace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>HTTP optional whitespace: space and horizontal tab.</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static int HexValue(char c) =>
        IsDigit(c) ? c - '0'
        : (uint)((c | 0x20) - 'a') <= 5 ? (c | 0x20) - 'a' + 10
        : -1;

    /// <summary>RFC 9110 tchar.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
