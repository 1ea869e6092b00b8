using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClientIp.Benchmarks;

/// <summary>
/// A cross-check for a loaded machine: BenchmarkDotNet measures wall-clock time, which includes the time the process
/// waits for a core. This measures the same operations in process CPU time (best of five rounds), which other
/// processes disturb far less. Run with <c>-- --cpu-time</c>.
/// </summary>
public static class CpuTimeCrossCheck
{
    public static void Run()
    {
        var peer = IPAddress.Parse("10.0.0.1");
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        options.TrustedProxies.Add("10.0.0.0/8");
        var resolver = new ClientIpResolver(options);
        var fhmOptions = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = ClientIpOptions.DefaultMaxHops };
        fhmOptions.KnownProxies.Clear();
        fhmOptions.KnownNetworks.Clear();
        fhmOptions.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8));
        var middleware = new ForwardedHeadersMiddleware(static _ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(fhmOptions));

        Console.WriteLine("| Case | ForwardedHeadersMiddleware (restore + Invoke) | ClientIpResolver.Resolve | Ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var headerCase in Enum.GetValues<HeaderCase>())
        {
            var value = HeaderCases.Value(headerCase);
            var headers = new HeaderDictionary();
            if (value is not null)
            {
                headers["X-Forwarded-For"] = value;
            }

            var context = new DefaultHttpContext();
            var slow = headerCase == HeaderCase.Header32KB;
            var fhm = CpuNanoseconds(
                () =>
                {
                    context.Connection.RemoteIpAddress = peer;
                    if (value is not null)
                    {
                        context.Request.Headers["X-Forwarded-For"] = value;
                    }

                    middleware.Invoke(context).GetAwaiter().GetResult();
                },
                slow ? 2_000 : 300_000);
            var resolve = CpuNanoseconds(() => resolver.Resolve(peer, headers), 1_000_000);
            Console.WriteLine($"| {headerCase} | {fhm:N0} ns | {resolve:N0} ns | {resolve / fhm:0.000} |");
        }

        // Address, scheme and host forwarding through each middleware (issue #14), as SchemeAndHostBenchmarks measures.
        foreach (var shape in new[] { "OneHop", "ThreeHops" })
        {
            var bench = new SchemeAndHostBenchmarks { Case = shape };
            bench.Setup();
            var fhm = CpuNanoseconds(() => bench.ForwardedHeadersMiddleware(), 300_000);
            var clientIp = CpuNanoseconds(() => bench.UseClientIp(), 300_000);
            var restore = CpuNanoseconds(() => bench.RestoreOnly(), 300_000);
            Console.WriteLine($"| Scheme+host {shape} (restore {restore:N0} ns included) | {fhm:N0} ns | {clientIp:N0} ns | {clientIp / fhm:0.000} |");
        }

        var request = new DefaultHttpContext();
        request.Connection.RemoteIpAddress = IPAddress.Loopback;
        request.Request.Headers["X-Forwarded-For"] = "203.0.113.7, 127.0.0.2";
        foreach (var calls in new[] { 1, 5 })
        {
            var cost = CpuNanoseconds(
                () =>
                {
                    request.Features.Set<IClientIpFeature>(null);
                    for (var i = 0; i < calls; i++)
                    {
                        request.GetClientIpAddress();
                    }
                },
                500_000);
            Console.WriteLine($"| GetClientIpAddress() x{calls} per request | | {cost:N0} ns | |");
        }
    }

    private static double CpuNanoseconds(Action action, int iterations)
    {
        for (var i = 0; i < iterations / 10; i++)
        {
            action();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var start = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < iterations; i++)
            {
                action();
            }

            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - start).TotalNanoseconds / iterations);
        }

        return best;
    }
}
