using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ClientIp;

/// <summary>
/// An IP address as plain bits, so that header entries can be parsed and matched against trusted networks without
/// allocating an <see cref="IPAddress"/> per hop. IPv4-mapped IPv6 addresses are stored as IPv4, so they match IPv4
/// networks and come out unmapped. Zones are never part of the value.
/// </summary>
internal readonly struct IpValue : IEquatable<IpValue>
{
    private IpValue(ulong high, ulong low, bool isIPv4)
    {
        High = high;
        Low = low;
        IsIPv4 = isIPv4;
    }

    /// <summary>The upper 64 bits of an IPv6 address; 0 for IPv4.</summary>
    public ulong High { get; }

    /// <summary>The lower 64 bits of an IPv6 address, or the 32-bit IPv4 address.</summary>
    public ulong Low { get; }

    public bool IsIPv4 { get; }

    /// <summary><c>0.0.0.0</c> or <c>::</c>: never a client.</summary>
    public bool IsUnspecified => High == 0 && Low == 0;

    /// <summary>
    /// Loopback, private (RFC 1918, unique local <c>fc00::/7</c>), link-local or shared (CGNAT <c>100.64.0.0/10</c>):
    /// an address proxies and internal hosts have, and that the Internet's clients do not.
    /// </summary>
    public bool IsLocalOrPrivate =>
        IsIPv4
            ? (Low >> 24) is 127 or 10
              || (Low >> 20) == 0xAC1 // 172.16.0.0/12
              || (Low >> 16) is 0xC0A8 or 0xA9FE // 192.168.0.0/16, 169.254.0.0/16
              || (Low >> 22) == 0x191 // 100.64.0.0/10
            : (High == 0 && Low == 1) // ::1
              || (High >> 57) == 0x7E // fc00::/7
              || (High >> 54) == 0x3FA; // fe80::/10

    public static IpValue FromIPv4(uint address) => new(0, address, isIPv4: true);

    /// <summary>Builds an IPv6 value, unmapping <c>::ffff:a.b.c.d</c> to IPv4 (NAT64 and 6to4 are not mapped addresses).</summary>
    public static IpValue FromIPv6(ulong high, ulong low) =>
        high == 0 && (low >> 32) == 0xFFFF ? FromIPv4((uint)low) : new IpValue(high, low, isIPv4: false);

    public static IpValue FromIPAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        address.TryWriteBytes(bytes, out _);
        return FromIPv6(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public IPAddress ToIPAddress()
    {
        if (IsIPv4)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)Low);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v6, High);
        BinaryPrimitives.WriteUInt64BigEndian(v6[8..], Low);
        return new IPAddress(v6);
    }

    public bool Equals(IpValue other) => High == other.High && Low == other.Low && IsIPv4 == other.IsIPv4;

    public override bool Equals(object? obj) => obj is IpValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(High, Low, IsIPv4);

    public override string ToString() => ToIPAddress().ToString();
}
