using System;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClientIp.Tests;

/// <summary>
/// One row of a resolver table: the trust configuration, what arrived (peer and header lines), and what the resolver
/// must answer. Header lines are separated by <c>\n</c>; the header name defaults to the configured one.
/// </summary>
public sealed record ResolverCase(
    string Name,
    string? Peer,
    string? HeaderValue,
    string? ExpectedAddress,
    ClientIpStatus ExpectedStatus)
{
    public Action<ClientIpOptions> Configure { get; init; } = static _ => { };

    /// <summary>The header the request carries; null = the configured <see cref="ClientIpOptions.ForwardedHeader"/>.</summary>
    public string? HeaderName { get; init; }

    public int? ExpectedPort { get; init; }

    /// <summary>The expected <see cref="ClientIpResult.IsConclusive"/>; null = not checked by this row.</summary>
    public bool? ExpectedConclusive { get; init; }

    /// <summary>The verified proxies, client side first; null = not checked by this row.</summary>
    public string[]? ExpectedProxies { get; init; }

    public ClientIpResult Run()
    {
        var options = new ClientIpOptions();
        Configure(options);
        var resolver = new ClientIpResolver(options);
        var headers = new HeaderDictionary();
        if (HeaderValue is not null)
        {
            headers[HeaderName ?? options.ForwardedHeader] = new StringValues(HeaderValue.Split('\n'));
        }

        return resolver.Resolve(Peer is null ? null : IPAddress.Parse(Peer), headers);
    }

    public override string ToString() => Name;

    /// <summary>Sets <see cref="ClientIpOptions.TrustedProxies"/> to exactly <paramref name="entries"/>.</summary>
    public static Action<ClientIpOptions> Trust(params string[] entries) => options =>
    {
        options.TrustedProxies.Clear();
        foreach (var entry in entries)
        {
            options.TrustedProxies.Add(entry);
        }
    };

    public static string Repeat(string entry, int count) => string.Join(", ", Enumerable.Repeat(entry, count));
}
