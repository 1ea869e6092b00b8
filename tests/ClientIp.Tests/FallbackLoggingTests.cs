using System;
using System.Linq;
using System.Net;
using System.Threading;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientIp.Tests;

/// <summary>
/// GetClientIpAddress() without AddClientIp logs the untrusted-peer warning through the application's ILoggerFactory,
/// without letting a client make every request create a logger, and with one rate limit per application.
/// </summary>
public sealed class FallbackLoggingTests
{
    [Fact]
    public void WithoutAddClientIpALoggerIsCreatedOncePerApplicationNotPerRequest()
    {
        var factory = new CountingLoggerFactory();
        using var services = new ServiceCollection().AddSingleton<ILoggerFactory>(factory).BuildServiceProvider();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(IPAddress.Parse("203.0.113.9"), ForgedRequest(services).GetClientIpAddress());
        }

        Assert.Equal(1, factory.LoggersCreated);
        var warning = Assert.Single(factory.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("ClientIp", warning.Category);
        Assert.Contains("203.0.113.9", warning.Message);
    }

    [Fact]
    public void WithoutAddClientIpEachApplicationGetsItsOwnWarning()
    {
        var first = new CountingLoggerFactory();
        var second = new CountingLoggerFactory();
        using var firstServices = new ServiceCollection().AddSingleton<ILoggerFactory>(first).BuildServiceProvider();
        using var secondServices = new ServiceCollection().AddSingleton<ILoggerFactory>(second).BuildServiceProvider();

        ForgedRequest(firstServices).GetClientIpAddress();
        ForgedRequest(secondServices).GetClientIpAddress();

        Assert.Single(first.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Single(second.Logs.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public void WithoutAnyLoggerFactoryTheDefaultsStillResolve()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        var result = ForgedRequest(services).GetClientIpResult();

        Assert.Equal(ClientIpStatus.UntrustedPeerSentHeaders, result.Status);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), result.Address);
    }

    private static DefaultHttpContext ForgedRequest(IServiceProvider services)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        context.Request.Headers["X-Forwarded-For"] = "1.2.3.4";
        return context;
    }

    private sealed class CountingLoggerFactory : ILoggerFactory
    {
        private int _loggersCreated;

        public CapturingLoggerProvider Logs { get; } = new();

        public int LoggersCreated => Volatile.Read(ref _loggersCreated);

        public ILogger CreateLogger(string categoryName)
        {
            Interlocked.Increment(ref _loggersCreated);
            return Logs.CreateLogger(categoryName);
        }

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
