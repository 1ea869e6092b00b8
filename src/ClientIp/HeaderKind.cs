using System;

namespace ClientIp;

/// <summary>The shape of the configured forwarding header.</summary>
internal enum HeaderKind
{
    /// <summary>A comma-separated list every proxy appends to: <c>X-Forwarded-For</c> and any <c>*-Forwarded-For</c>.</summary>
    AddressList,

    /// <summary>RFC 7239 <c>Forwarded</c>: a list of elements whose <c>for=</c> parameter names the node.</summary>
    Forwarded,

    /// <summary>A header the nearest proxy overwrites with one address: <c>X-Real-IP</c>, <c>CF-Connecting-IP</c>, ...</summary>
    SingleAddress,
}

internal static class HeaderKinds
{
    public static HeaderKind Of(string headerName) =>
        headerName.Equals("Forwarded", StringComparison.OrdinalIgnoreCase) ? HeaderKind.Forwarded
        : headerName.EndsWith("Forwarded-For", StringComparison.OrdinalIgnoreCase) ? HeaderKind.AddressList
        : HeaderKind.SingleAddress;
}
