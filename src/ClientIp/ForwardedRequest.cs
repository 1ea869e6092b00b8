using System;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// The scheme, host and path base a trusted proxy reported for the client's request, for <c>UseClientIp()</c> to apply.
/// Each value is taken from the position in its header that lines up with the resolved client: the entry the first
/// trusted proxy wrote (the <c>Forwarded</c> element that names the client, or the entry of <c>X-Forwarded-Proto</c>,
/// <c>-Host</c>, <c>-Prefix</c> at the client's distance from the right). A header with fewer entries contributes its
/// leftmost, which a trusted proxy also wrote (proxies usually overwrite these headers rather than append). Nothing is
/// taken when the peer is not a trusted proxy or the walk ended in a fallback.
/// </summary>
internal readonly struct ForwardedRequest
{
    public const string ProtoHeader = "X-Forwarded-Proto";
    public const string HostHeader = "X-Forwarded-Host";
    public const string PrefixHeader = "X-Forwarded-Prefix";

    private ForwardedRequest(string? scheme, HostString? host, PathString? pathBase)
    {
        Scheme = scheme;
        Host = host;
        PathBase = pathBase;
    }

    /// <summary>The validated scheme (<c>http</c> or <c>https</c>), or null.</summary>
    public string? Scheme { get; }

    /// <summary>The validated, allowed host, or null.</summary>
    public HostString? Host { get; }

    /// <summary>The validated path base, or null.</summary>
    public PathString? PathBase { get; }

    /// <summary>
    /// Reads what <paramref name="resolver"/> is configured to apply. A value a trusted proxy sent that fails validation
    /// is ignored and reported to <paramref name="services"/> (a rate-limited warning).
    /// </summary>
    public static ForwardedRequest Read(ClientIpResolver resolver, ClientIpResult result, IHeaderDictionary headers, ClientIpServices services)
    {
        void Rejected(string header, ReadOnlySpan<char> value, string reason)
        {
            if (services.Logger is { } logger)
            {
                services.Diagnostics.ReportRejectedValue(logger, header, value.ToString(), reason);
            }
        }

        int position;
        if (result.Status is ClientIpStatus.ForwardedHeader or ClientIpStatus.AllHopsTrusted)
        {
            position = result.VerifiedEntries + 1;
        }
        else if (result.Status == ClientIpStatus.RemoteAddress && !result.IsConclusive)
        {
            position = 1; // a trusted proxy that sent no address header: its own headers describe its client
        }
        else
        {
            return default;
        }

        ReadOnlySpan<char> proto = default, host = default;
        if (resolver.HeaderKind == HeaderKind.Forwarded && (resolver.UseForwardedProto || resolver.UseForwardedHost))
        {
            var element = ForwardedElementAt(headers[resolver.ForwardedHeader], position);
            proto = Parameter(element, "proto");
            host = Parameter(element, "host");
        }
        else
        {
            proto = resolver.UseForwardedProto ? ValueAt(headers[ProtoHeader], position) : default;
            host = resolver.UseForwardedHost ? ValueAt(headers[HostHeader], position) : default;
        }

        string? scheme = null;
        if (resolver.UseForwardedProto && !proto.IsEmpty)
        {
            scheme = proto.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https"
                : proto.Equals("http", StringComparison.OrdinalIgnoreCase) ? "http"
                : null;
            if (scheme is null)
            {
                Rejected(ProtoHeader, proto, "only http and https are applied");
            }
        }

        HostString? forwardedHost = null;
        if (resolver.UseForwardedHost && !host.IsEmpty)
        {
            if (!IsHost(host, out var name))
            {
                Rejected(HostHeader, host, "not a host name with an optional port");
            }
            else if (!resolver.IsAllowedHost(name))
            {
                Rejected(HostHeader, host, "not in ClientIp:AllowedHosts");
            }
            else
            {
                forwardedHost = new HostString(host.ToString());
            }
        }

        PathString? pathBase = null;
        if (resolver.UseForwardedPrefix && ValueAt(headers[PrefixHeader], position) is { IsEmpty: false } prefix)
        {
            pathBase = ToPathBase(prefix);
            if (pathBase is null)
            {
                Rejected(PrefixHeader, prefix, "not an absolute path without a scheme, '.' or '..' segments, query or fragment");
            }
        }

        return new ForwardedRequest(scheme, forwardedHost, pathBase);
    }

    /// <summary>The <paramref name="position"/>-th non-empty comma-separated value from the right, or the leftmost if there are fewer.</summary>
    private static ReadOnlySpan<char> ValueAt(StringValues lines, int position)
    {
        ReadOnlySpan<char> found = default;
        var count = 0;
        for (var line = lines.Count - 1; line >= 0 && count < position; line--)
        {
            var text = (lines[line] ?? string.Empty).AsSpan();
            while (count < position)
            {
                var comma = text.LastIndexOf(',');
                var item = text[(comma + 1)..].Trim(" \t");
                if (!item.IsEmpty)
                {
                    found = item;
                    count++;
                }

                if (comma < 0)
                {
                    break;
                }

                text = text[..comma];
            }
        }

        return found;
    }

    /// <summary>The <paramref name="position"/>-th non-empty <c>Forwarded</c> element from the right, if there is one.</summary>
    private static ReadOnlySpan<char> ForwardedElementAt(StringValues lines, int position)
    {
        var reader = new HeaderEntryReader(lines, HeaderKind.Forwarded);
        var count = 0;
        while (reader.MoveNext())
        {
            if (reader.Current.Kind != EntryKind.Empty && ++count == position)
            {
                return reader.CurrentText;
            }
        }

        return default;
    }

    private static ReadOnlySpan<char> Parameter(ReadOnlySpan<char> element, string name) =>
        !element.IsEmpty && IpSyntax.TryGetForwardedParameter(element, name, out var value, out _) ? value : default;

    /// <summary><c>host [ ":" port ]</c> with a DNS name, an IPv4 address or a bracketed IPv6 address; <paramref name="name"/> is the host.</summary>
    private static bool IsHost(ReadOnlySpan<char> text, out ReadOnlySpan<char> name)
    {
        name = text;
        ReadOnlySpan<char> port = default;
        var hasPort = false;
        if (text.StartsWith("["))
        {
            var close = text.IndexOf(']');
            if (close < 0 || !IpSyntax.TryParseIPv6(text[1..close], out _, out _))
            {
                return false;
            }

            name = text[..(close + 1)];
            hasPort = close + 1 < text.Length;
            if (hasPort && text[close + 1] != ':')
            {
                return false;
            }

            port = hasPort ? text[(close + 2)..] : default;
        }
        else
        {
            var colon = text.IndexOf(':');
            if (colon >= 0)
            {
                name = text[..colon];
                port = text[(colon + 1)..];
                hasPort = true;
            }

            if (name.IsEmpty || name.Length > 253 || name[0] is '.' or '-')
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
                {
                    return false;
                }
            }
        }

        return !hasPort || IpSyntax.TryParsePort(port, out _);
    }

    /// <summary>An absolute path: no scheme, authority, query, fragment, backslash, control character, '.' or '..' segment.</summary>
    private static PathString? ToPathBase(ReadOnlySpan<char> prefix)
    {
        if (prefix[0] != '/' || prefix.StartsWith("//") || prefix.IndexOfAny("?#\\\"") >= 0)
        {
            return null;
        }

        foreach (var c in prefix)
        {
            if (c <= ' ' || c >= 0x7F)
            {
                return null;
            }
        }

        var path = PathString.FromUriComponent(prefix.TrimEnd('/').ToString());
        foreach (var segment in (path.Value ?? string.Empty).Split('/'))
        {
            if (segment is "." or ".." || segment.Contains('\\') || segment.Contains(':'))
            {
                return null;
            }
        }

        return path;
    }
}
