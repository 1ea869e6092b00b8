using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace ClientIp.Benchmarks;

/// <summary>
/// The cost of calling <see cref="ClientIpHttpContextExtensions.GetClientIpAddress(HttpContext)"/> several times in one
/// request: the first call resolves and caches the result in the request's features, the others read the cache.
/// </summary>
[MemoryDiagnoser]
public class GetClientIpAddressBenchmarks
{
    private DefaultHttpContext _context = null!;

    [Params(1, 5)]
    public int CallsPerRequest { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _context = new DefaultHttpContext();
        _context.Connection.RemoteIpAddress = IPAddress.Loopback;
        _context.Request.Headers["X-Forwarded-For"] = "203.0.113.7, 127.0.0.2";
    }

    [Benchmark]
    public IPAddress? GetClientIpAddress()
    {
        // A new request: forget the previous request's cached resolution.
        _context.Features.Set<IClientIpFeature>(null);
        IPAddress? address = null;
        for (var i = 0; i < CallsPerRequest; i++)
        {
            address = _context.GetClientIpAddress();
        }

        return address;
    }
}
