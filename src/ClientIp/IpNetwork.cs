namespace ClientIp;

/// <summary>A validated CIDR range (a single address is a /32 or /128), matched with two masked comparisons.</summary>
internal readonly struct IpNetwork
{
    private readonly ulong _maskHigh;
    private readonly ulong _maskLow;

    public IpNetwork(IpValue prefix, int prefixLength)
    {
        Prefix = prefix;
        PrefixLength = prefixLength;
        (_maskHigh, _maskLow) = Mask(prefix.IsIPv4, prefixLength);
    }

    public IpValue Prefix { get; }

    public int PrefixLength { get; }

    /// <summary>Whether <paramref name="address"/> has bits outside the prefix (<c>10.0.0.1/8</c>).</summary>
    public static bool HasHostBits(IpValue address, int prefixLength)
    {
        var (high, low) = Mask(address.IsIPv4, prefixLength);
        return (address.High & ~high) != 0 || (address.Low & ~low) != 0;
    }

    /// <summary><paramref name="address"/> with the bits outside the prefix cleared: the range it lies in.</summary>
    public static IpValue Masked(IpValue address, int prefixLength)
    {
        var (high, low) = Mask(address.IsIPv4, prefixLength);
        return address.IsIPv4 ? IpValue.FromIPv4((uint)(address.Low & low)) : IpValue.FromIPv6(address.High & high, address.Low & low);
    }

    public bool Contains(IpValue address) =>
        address.IsIPv4 == Prefix.IsIPv4
        && (address.High & _maskHigh) == Prefix.High
        && (address.Low & _maskLow) == Prefix.Low;

    /// <summary>The masks of a prefix length from 1 to 32 or 128 (configuration refuses /0, so no shift ever reaches 64).</summary>
    private static (ulong High, ulong Low) Mask(bool isIPv4, int prefixLength)
    {
        if (isIPv4)
        {
            // IPv4 lives in the low 32 bits; the high bits are always zero and must stay zero after masking.
            return (ulong.MaxValue, (0xFFFF_FFFFUL << (32 - prefixLength)) & 0xFFFF_FFFFUL);
        }

        return prefixLength <= 64
            ? (ulong.MaxValue << (64 - prefixLength), 0UL)
            : (ulong.MaxValue, ulong.MaxValue << (128 - prefixLength));
    }
}
