using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace ClientIp.Tests;

public class ClientIpOptionsTests
{
    [Fact]
    public void DefaultsTrustOnlyLoopbackAndReadXForwardedFor()
    {
        var options = new ClientIpOptions();

        Assert.Equal(new[] { "127.0.0.0/8", "::1" }, options.TrustedProxies);
        Assert.Equal("X-Forwarded-For", options.ForwardedHeader);
        Assert.Null(options.TrustedHopCount);
        Assert.Equal(20, options.MaxHops);
        Assert.False(options.TrustNonIpPeers);
        Assert.False(options.UnsafeTrustEveryPeer);
    }

    [Fact]
    public void BindingAnArrayReplacesTheDefaults()
    {
        var options = Bind(new()
        {
            ["ClientIp:TrustedProxies:0"] = "192.168.0.10",
            ["ClientIp:TrustedProxies:1"] = "192.168.0.20",
            ["ClientIp:ForwardedHeader"] = "Forwarded",
            ["ClientIp:TrustedHopCount"] = "2",
            ["ClientIp:MaxHops"] = "10",
            ["ClientIp:TrustNonIpPeers"] = "true",
        });

        Assert.Equal(new[] { "192.168.0.10", "192.168.0.20" }, options.TrustedProxies);
        Assert.Equal("Forwarded", options.ForwardedHeader);
        Assert.Equal(2, options.TrustedHopCount);
        Assert.Equal(10, options.MaxHops);
        Assert.True(options.TrustNonIpPeers);
    }

    [Fact]
    public void BindingKeepsArrayOrderBeyondNineEntries()
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < 12; i++)
        {
            values[$"ClientIp:TrustedProxies:{i}"] = $"10.0.0.{i + 1}";
        }

        var options = Bind(values);

        Assert.Equal("10.0.0.3", options.TrustedProxies[2]);
        Assert.Equal("10.0.0.11", options.TrustedProxies[10]);
    }

    [Fact]
    public void BindingACommaSeparatedStringReplacesTheDefaults()
    {
        var options = Bind(new() { ["ClientIp:TrustedProxies"] = "10.0.0.0/8, fd00::/8" });

        Assert.Equal(new[] { "10.0.0.0/8", "fd00::/8" }, options.TrustedProxies);
    }

    [Fact]
    public void AStringFromAnotherSourceWinsOverAnArray()
    {
        // appsettings.json has an array; an environment variable ClientIp__TrustedProxies overrides it.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ClientIp:TrustedProxies:0"] = "192.168.0.10" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ClientIp:TrustedProxies"] = "10.244.0.0/16" })
            .Build();
        var options = new ClientIpOptions();

        ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);

        Assert.Equal(new[] { "10.244.0.0/16" }, options.TrustedProxies);
    }

    [Fact]
    public void BindingAnEmptyStringTrustsNobody()
    {
        var options = Bind(new() { ["ClientIp:TrustedProxies"] = "" });

        Assert.Empty(options.TrustedProxies);
    }

    [Theory]
    [InlineData("""{ "ClientIp": { "TrustedProxies": [] } }""")]
    [InlineData("""{ "ClientIp": { "TrustedProxies": "" } }""")]
    [InlineData("""{ "ClientIp": { "TrustedProxies": null } }""")]
    [InlineData("""{ "ClientIp": { "TrustedProxies": [], "ForwardedHeader": "X-Real-IP" } }""")]
    public void AnEmptyTrustedProxiesListInAppSettingsTrustsNobody(string json)
    {
        var options = BindJson(json);

        Assert.Empty(options.TrustedProxies);

        // Not even loopback: a forged header from the same host is ignored.
        var headers = new HeaderDictionary { [options.ForwardedHeader] = "203.0.113.7" };
        var result = new ClientIpResolver(options).Resolve(IPAddress.Loopback, headers);
        Assert.Equal(ClientIpStatus.UntrustedPeerSentHeaders, result.Status);
        Assert.Equal(IPAddress.Loopback, result.Address);
    }

    [Theory]
    [InlineData("""{ "ClientIp": { } }""")]
    [InlineData("""{ "ClientIp": { "ForwardedHeader": "X-Real-IP" } }""")]
    [InlineData("""{ "Other": { "TrustedProxies": [] } }""")]
    public void AppSettingsWithoutTrustedProxiesKeepTheDefaults(string json)
    {
        var options = BindJson(json);

        Assert.Equal(new[] { "127.0.0.0/8", "::1" }, options.TrustedProxies);
    }

    [Fact]
    public void AnEmptyEnvironmentVariableOverridesAnArrayFromAppSettings()
    {
        // ClientIp__TrustedProxies= (empty) is how a deployment says "trust nobody" over appsettings.json.
        var prefix = "CIPTEST" + Guid.NewGuid().ToString("N") + "_";
        Environment.SetEnvironmentVariable(prefix + "ClientIp__TrustedProxies", string.Empty);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonStream(Json("""{ "ClientIp": { "TrustedProxies": [ "10.0.0.0/8" ] } }"""))
                .AddEnvironmentVariables(prefix)
                .Build();
            var options = new ClientIpOptions();

            ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);

            Assert.Empty(options.TrustedProxies);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ClientIp__TrustedProxies", null);
        }
    }

    [Fact]
    public void AnEmptyStringInALaterJsonFileOverridesAnArray()
    {
        // appsettings.Production.json: "TrustedProxies": "" (an empty array there would merge with the base array instead).
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(Json("""{ "ClientIp": { "TrustedProxies": [ "10.0.0.0/8" ] } }"""))
            .AddJsonStream(Json("""{ "ClientIp": { "TrustedProxies": "" } }"""))
            .Build();
        var options = new ClientIpOptions();

        ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);

        Assert.Empty(options.TrustedProxies);
    }

    [Fact]
    public void BindingAPresentKeyWithoutValueOrEntriesTrustsNobody()
    {
        // How JSON null, {} and, in some versions of the JSON provider, [] arrive (.NET 10 reports [] as an empty string).
        var options = Bind(new() { ["ClientIp:TrustedProxies"] = null });

        Assert.Empty(options.TrustedProxies);
    }

    [Fact]
    public void BindingWithoutTrustedProxiesKeepsTheDefaults()
    {
        var options = Bind(new() { ["ClientIp:ForwardedHeader"] = "X-Real-IP" });

        Assert.Equal(new[] { "127.0.0.0/8", "::1" }, options.TrustedProxies);
        Assert.Equal("X-Real-IP", options.ForwardedHeader);
    }

    [Theory]
    [InlineData("MaxHops", "many", "ClientIp:MaxHops \"many\" is not a whole number")]
    [InlineData("TrustedHopCount", "2.5", "ClientIp:TrustedHopCount \"2.5\" is not a whole number")]
    [InlineData("TrustNonIpPeers", "yes", "ClientIp:TrustNonIpPeers \"yes\" must be true or false")]
    [InlineData("UnsafeTrustEveryPeer", "1", "ClientIp:UnsafeTrustEveryPeer \"1\" must be true or false")]
    public void BindingABadValueNamesTheKey(string key, string value, string message)
    {
        var options = Bind(new() { ["ClientIp:" + key] = value });

        var error = Assert.Throws<ArgumentException>(() => new ClientIpResolver(options));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("TrustedProxy", "ClientIp:TrustedProxy is not a ClientIp setting (did you mean TrustedProxies?)")]
    [InlineData("trustedproxies2", "(did you mean TrustedProxies?)")]
    [InlineData("KnownProxies", "ClientIp:KnownProxies is not a ClientIp setting; the settings are TrustedProxies, ForwardedHeader, TrustedHopCount, MaxHops, TrustNonIpPeers, UnsafeTrustEveryPeer")]
    [InlineData("Forwarded_Header", "did you mean ForwardedHeader?")]
    public void AnUnknownKeyIsReportedWithTheKeysThatExist(string key, string message)
    {
        // Issue #13 item 6: "TrustedProxy": [...] used to keep the defaults without a word.
        var options = Bind(new() { [$"ClientIp:{key}:0"] = "10.0.0.0/8" });

        var errors = ClientIpResolver.Validate(options);

        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void KeysMatchCaseInsensitively()
    {
        var options = Bind(new() { ["ClientIp:trustedproxies:0"] = "10.0.0.0/8", ["ClientIp:MAXHOPS"] = "3" });

        Assert.Empty(ClientIpResolver.Validate(options));
        Assert.Equal(new[] { "10.0.0.0/8" }, options.TrustedProxies);
        Assert.Equal(3, options.MaxHops);
    }

    [Fact]
    public void TheGenericBinderAppendsToTheDefaultsWhichIsWhyAddClientIpBindsItself()
    {
        // Documents the pitfall docs/resolver.md warns about: services.Configure<ClientIpOptions>(section) keeps loopback.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ClientIp:TrustedProxies:0"] = "192.168.0.10" })
            .Build();
        var options = new ClientIpOptions();

        configuration.GetSection("ClientIp").Bind(options);

        Assert.Equal(new[] { "127.0.0.0/8", "::1", "192.168.0.10" }, options.TrustedProxies);
    }

    private static ClientIpOptions BindJson(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(Json(json)).Build();
        var options = new ClientIpOptions();
        ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);
        return options;
    }

    private static MemoryStream Json(string json) => new(Encoding.UTF8.GetBytes(json));

    private static ClientIpOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new ClientIpOptions();
        ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);
        return options;
    }
}
