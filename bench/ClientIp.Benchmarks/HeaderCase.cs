using System.Linq;

namespace ClientIp.Benchmarks;

/// <summary>
/// The request shapes both resolvers are measured on. Proxies live in 10.0.0.0/8; the peer is always 10.0.0.1.
/// </summary>
public enum HeaderCase
{
    /// <summary>No X-Forwarded-For at all.</summary>
    NoHeader,

    /// <summary><c>203.0.113.7</c>: one trusted proxy in front of the app.</summary>
    OneHop,

    /// <summary><c>203.0.113.7, 10.0.0.3, 10.0.0.2</c>: three trusted proxies.</summary>
    ThreeHops,

    /// <summary>Twenty client-written entries ahead of two trusted hops.</summary>
    Spoofed20,

    /// <summary>About 32 KB (Kestrel's default header limit) of client-written entries ahead of one trusted hop.</summary>
    Header32KB,
}

public static class HeaderCases
{
    public static string? Value(HeaderCase headerCase) => headerCase switch
    {
        HeaderCase.NoHeader => null,
        HeaderCase.OneHop => "203.0.113.7",
        HeaderCase.ThreeHops => "203.0.113.7, 10.0.0.3, 10.0.0.2",
        HeaderCase.Spoofed20 => string.Join(", ", Enumerable.Range(1, 20).Select(i => $"198.51.100.{i}")) + ", 10.0.0.3, 10.0.0.2",
        HeaderCase.Header32KB => string.Concat(Enumerable.Repeat("198.51.100.1, ", 32 * 1024 / 14)) + "10.0.0.2",
        _ => null,
    };
}
