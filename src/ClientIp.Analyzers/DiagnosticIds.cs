namespace ClientIp.Analyzers;

/// <summary>The diagnostic ids of this package. Ids are stable; never reuse one.</summary>
public static class DiagnosticIds
{
    /// <summary>The connection's remote address is used as the client's address.</summary>
    public const string RemoteAddressUsedAsClient = "CIP0001";

    /// <summary>A client-IP header is read without checking that the request came from a trusted proxy.</summary>
    public const string UnguardedClientIpHeaderRead = "CIP0002";

    /// <summary>The leftmost X-Forwarded-For entry is taken as the client.</summary>
    public const string LeftmostForwardedForEntry = "CIP0003";

    /// <summary>Forwarded-header options trust every proxy.</summary>
    public const string ForwardedHeadersTrustEveryone = "CIP0004";

    /// <summary>Forwarded-header middleware is registered after middleware that needs the client address.</summary>
    public const string ForwardedHeadersRegisteredTooLate = "CIP0005";
}
