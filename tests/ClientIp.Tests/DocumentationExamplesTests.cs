using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ClientIp.Tests;

/// <summary>Every configuration example in docs/resolver.md binds and validates, so the guide cannot drift into errors.</summary>
public class DocumentationExamplesTests
{
    [Fact]
    public void EveryJsonExampleInTheGuideIsAValidConfiguration()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "resolver.md"));
        var examples = Regex.Matches(guide, "```json\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.True(examples.Count >= 3, $"expected the two-proxy, Cloudflare and Kubernetes examples, found {examples.Count}");
        Assert.All(examples, json =>
        {
            var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
            var options = new ClientIpOptions();
            ClientIpConfigurationBinder.Bind(configuration.GetSection("ClientIp"), options);

            Assert.Empty(ClientIpResolver.Validate(options));
            Assert.NotEqual(new[] { "127.0.0.0/8", "::1" }, options.TrustedProxies);
        });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClientIp.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ClientIp.Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
