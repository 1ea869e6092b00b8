using System.Net;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClientIp.Benchmarks;

/// <summary>
/// One request through each middleware with address, scheme and host forwarding on (issue #14): ForwardedHeadersMiddleware
/// with XForwardedFor | XForwardedProto | XForwardedHost and AllowedHosts, against UseClientIp's middleware with
/// UseForwardedProto, UseForwardedHost and AllowedHosts. Same trust (10.0.0.0/8), same headers, both rewrite the request,
/// so each call first restores it.
/// </summary>
[MemoryDiagnoser]
public class SchemeAndHostBenchmarks
{
    private static readonly IPAddress Peer = IPAddress.Parse("10.0.0.1");

    private ForwardedHeadersMiddleware _fhm = null!;
    private ClientIpMiddleware _clientIp = null!;
    private DefaultHttpContext _context = null!;

    [Params("OneHop", "ThreeHops")]
    public string Case { get; set; } = "OneHop";

    private string ForwardedFor => Case == "OneHop" ? "203.0.113.7" : "203.0.113.7, 10.0.0.3, 10.0.0.2";

    private string ForwardedProto => Case == "OneHop" ? "https" : "https, http, http";

    private string ForwardedHost => Case == "OneHop" ? "shop.example.com" : "shop.example.com, internal, internal";

    [GlobalSetup]
    public void Setup()
    {
        var fhmOptions = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = ClientIpOptions.DefaultMaxHops,
        };
        fhmOptions.KnownProxies.Clear();
        fhmOptions.KnownNetworks.Clear();
        fhmOptions.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8));
        fhmOptions.AllowedHosts.Add("*.example.com");
        _fhm = new ForwardedHeadersMiddleware(static _ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(fhmOptions));

        var options = new ClientIpOptions { UseForwardedProto = true, UseForwardedHost = true };
        options.TrustedProxies.Clear();
        options.TrustedProxies.Add("10.0.0.0/8");
        options.AllowedHosts.Add("*.example.com");
        var services = new ClientIpServices(new ClientIpResolver(options), logger: null, System.TimeProvider.System);
        _clientIp = new ClientIpMiddleware(static _ => Task.CompletedTask, services);
        _context = new DefaultHttpContext();
    }

    [Benchmark(Baseline = true, Description = "ForwardedHeadersMiddleware (for, proto, host)")]
    public string ForwardedHeadersMiddleware()
    {
        Restore();
        _fhm.Invoke(_context).GetAwaiter().GetResult();
        return _context.Request.Scheme;
    }

    [Benchmark(Description = "UseClientIp (for, proto, host)")]
    public string UseClientIp()
    {
        Restore();
        _context.Features.Set<IClientIpFeature>(null); // a new request: no resolution yet
        _clientIp.InvokeAsync(_context).GetAwaiter().GetResult();
        return _context.Request.Scheme;
    }

    [Benchmark(Description = "Restore the request only (part of both rows)")]
    public string RestoreOnly()
    {
        Restore();
        return _context.Request.Scheme;
    }

    private void Restore()
    {
        var request = _context.Request;
        _context.Connection.RemoteIpAddress = Peer;
        request.Scheme = "http";
        request.Host = new HostString("10.0.0.9:8080");
        request.Headers["X-Forwarded-For"] = ForwardedFor;
        request.Headers["X-Forwarded-Proto"] = ForwardedProto;
        request.Headers["X-Forwarded-Host"] = ForwardedHost;
    }
}
