using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientIp.Tests;

/// <summary>
/// Issue #14 item 2: a changed settings file takes effect without a restart; an invalid change keeps the last valid
/// configuration and logs an error naming the bad entry.
/// </summary>
public sealed class LiveConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clientip-live-").FullName;

    private string SettingsFile => Path.Combine(_directory, "appsettings.json");

    [Fact]
    public async Task AChangedSettingsFileTakesEffectAndAnInvalidOneIsRefused()
    {
        Write("""{ "ClientIp": { "TrustedProxies": [ "10.0.0.1" ] } }""");
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Configuration.AddJsonFile(SettingsFile, optional: false, reloadOnChange: true);
        builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
        await using var app = builder.Build();
        app.UseClientIp();
        app.Run(context => context.Response.WriteAsync($"{context.GetClientIpAddress()} {context.GetClientIpResult().Status}"));
        await app.StartAsync();

        // 10.0.0.1 is trusted, 10.0.0.2 is not.
        Assert.Equal("203.0.113.7 ForwardedHeader", await SendAsync(app, "10.0.0.1"));
        Assert.Equal("10.0.0.2 UntrustedPeerSentHeaders", await SendAsync(app, "10.0.0.2"));

        Write("""{ "ClientIp": { "TrustedProxies": [ "10.0.0.2" ] } }""");
        await Eventually(async () => await SendAsync(app, "10.0.0.2") == "203.0.113.7 ForwardedHeader");
        Assert.Equal("10.0.0.1 UntrustedPeerSentHeaders", await SendAsync(app, "10.0.0.1"));
        await Eventually(() => Task.FromResult(logs.Entries.Any(e => e.Id.Name == "ConfigurationReloaded")));

        Write("""{ "ClientIp": { "TrustedProxies": [ "10.0.0.1/8" ], "MaxHop": 3 } }""");
        await Eventually(() => Task.FromResult(logs.Entries.Any(e => e.Id.Name == "InvalidConfigurationChange")));
        var error = logs.Entries.First(e => e.Id.Name == "InvalidConfigurationChange");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains("ClientIp:TrustedProxies entry \"10.0.0.1/8\"", error.Message);
        Assert.Contains("ClientIp:MaxHop is not a ClientIp setting", error.Message);

        // The last valid configuration stays in use.
        Assert.Equal("203.0.113.7 ForwardedHeader", await SendAsync(app, "10.0.0.2"));
        Assert.Equal("10.0.0.1 UntrustedPeerSentHeaders", await SendAsync(app, "10.0.0.1"));
    }

    [Fact]
    public void ARequestKeepsTheResolverItStartedWith()
    {
        // One resolution per request: the feature holds the result computed with one resolver, whatever happens later.
        var services = new ServiceCollection().AddClientIp().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";

        var first = context.GetClientIpResult();
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";

        Assert.Equal(first, context.GetClientIpResult());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Write(string json)
    {
        // Write to a new file and move it over the old one, so the watcher never sees half a file.
        var temporary = SettingsFile + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, SettingsFile, overwrite: true);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the configuration change was not picked up within 15 s");
            await Task.Delay(50);
        }
    }

    private static async Task<string> SendAsync(WebApplication app, string peer)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
