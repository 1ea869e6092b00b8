using System;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp.Tests;

/// <summary>
/// Resolving allocates nothing beyond the returned address for up to four hops. Counted in bytes on this thread, which
/// is deterministic (unlike time), so it can be a unit test; speed itself is measured under bench/.
/// </summary>
public class AllocationTests
{
    private static readonly ClientIpResolver Resolver = CreateResolver();

    [Theory]
    [InlineData("10.0.0.1", null, 0)]
    [InlineData("::ffff:10.0.0.1", null, 1)] // the unmapped peer is the returned address
    [InlineData("10.0.0.1", "203.0.113.7", 1)]
    [InlineData("10.0.0.1", "203.0.113.7, 10.0.0.4, 10.0.0.3, 10.0.0.2", 1)]
    [InlineData("::ffff:10.0.0.1", "203.0.113.7, 10.0.0.4, 10.0.0.3, 10.0.0.2", 1)]
    [InlineData("10.0.0.1", "[2001:db8::7]:443, 10.0.0.2", 1)]
    [InlineData("10.0.0.1", "bogus, 10.0.0.2", 1)]
    public void AllocatesOnlyTheReturnedAddress(string peer, string? forwardedFor, int addresses)
    {
        var remote = IPAddress.Parse(peer);
        var headers = new HeaderDictionary();
        if (forwardedFor is not null)
        {
            headers["X-Forwarded-For"] = forwardedFor;
        }

        var returned = Resolver.Resolve(remote, headers).Address!;
        var perAddress = BytesPerCall(() => returned.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? new IPAddress(new ReadOnlySpan<byte>([1, 2, 3, 4]))
            : new IPAddress(new ReadOnlySpan<byte>(new byte[16] { 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 })));

        var perResolve = BytesPerCall(() => Resolver.Resolve(remote, headers).Address);

        Assert.Equal(addresses * perAddress, perResolve);
    }

    private static long BytesPerCall(Func<object?> action)
    {
        const int Calls = 1_000;
        for (var i = 0; i < Calls; i++)
        {
            GC.KeepAlive(action());
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            GC.KeepAlive(action());
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }

    private static ClientIpResolver CreateResolver()
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        options.TrustedProxies.Add("10.0.0.0/8");
        return new ClientIpResolver(options);
    }
}
