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
/// <see cref="ClientIpResolver.Resolve(IPAddress?, IHeaderDictionary)"/> against ASP.NET Core's ForwardedHeadersMiddleware
/// with the equivalent trust (KnownNetworks = 10.0.0.0/8, ForwardLimit = MaxHops = 20) on the same requests.
/// </summary>
[MemoryDiagnoser]
public class ResolveVersusForwardedHeadersBenchmarks
{
    private static readonly IPAddress Peer = IPAddress.Parse("10.0.0.1");

    private ClientIpResolver _resolver = null!;
    private ForwardedHeadersMiddleware _middleware = null!;
    private HeaderDictionary _headers = null!;
    private DefaultHttpContext _context = null!;
    private string? _value;

    [Params(HeaderCase.NoHeader, HeaderCase.OneHop, HeaderCase.ThreeHops, HeaderCase.Spoofed20, HeaderCase.Header32KB)]
    public HeaderCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _value = HeaderCases.Value(Case);

        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        options.TrustedProxies.Add("10.0.0.0/8");
        _resolver = new ClientIpResolver(options);
        _headers = new HeaderDictionary();
        if (_value is not null)
        {
            _headers["X-Forwarded-For"] = _value;
        }

        var fhmOptions = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = ClientIpOptions.DefaultMaxHops };
        fhmOptions.KnownProxies.Clear();
        fhmOptions.KnownNetworks.Clear();
        fhmOptions.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8));
        _middleware = new ForwardedHeadersMiddleware(static _ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(fhmOptions));
        _context = new DefaultHttpContext();
    }

    [Benchmark(Baseline = true, Description = "ForwardedHeadersMiddleware")]
    public IPAddress? ForwardedHeadersMiddleware()
    {
        // The middleware rewrites the connection and truncates the header, so every call restores the request first.
        var context = _context;
        context.Connection.RemoteIpAddress = Peer;
        if (_value is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = _value;
        }

        _middleware.Invoke(context).GetAwaiter().GetResult();
        return context.Connection.RemoteIpAddress;
    }

    [Benchmark(Description = "Restore the request only (part of the FHM row)")]
    public IPAddress? RestoreOnly()
    {
        // What the middleware row spends on undoing its own rewrite, so readers can subtract it.
        var context = _context;
        context.Connection.RemoteIpAddress = Peer;
        if (_value is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = _value;
        }

        return context.Connection.RemoteIpAddress;
    }

    [Benchmark(Description = "ClientIpResolver.Resolve")]
    public IPAddress? Resolve() => _resolver.Resolve(Peer, _headers).Address;
}
