using System;

namespace ClientIp.CodeFixes.Configuration;

/// <summary>What the resolver reads when nothing configures it.</summary>
internal static class ResolverHeaders
{
    /// <summary>The header the resolver reads by default (<c>ClientIpOptions.ForwardedHeader</c>).</summary>
    public const string Default = "X-Forwarded-For";

    /// <summary>Whether <paramref name="header"/> is the one the resolver reads by default.</summary>
    public static bool IsDefault(string header) => string.Equals(header, Default, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two header names are the same header.</summary>
    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
