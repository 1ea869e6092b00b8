using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Package;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.Library;

/// <summary>
/// The package in a solution (LibrarySolution/): a class library that references it, the library's test project and an
/// app that get it only through the library, and a netstandard2.0 library. The analyzers run where the package is
/// referenced (unless EnableClientIpAnalyzers says otherwise); ClientIp.dll reaches everything that runs the library.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class LibrarySolutionTests(PackedFeed feed, ITestOutputHelper log)
{
    [Fact]
    public async Task Analyzers_run_only_where_the_package_is_referenced_and_the_resolver_reaches_every_project_that_runs_the_library()
    {
        using var solution = new ConsumerProject(feed, "LibrarySolution");
        var expected = solution.ExpectedDiagnostics();
        Assert.Equal(["Legacy/ListenerClient.cs", "Library/ClientAddress.cs"], expected.Select(d => d.File).Order(StringComparer.Ordinal));

        var build = await log.Logged(solution.BuildAsync());

        Assert.True(build.Succeeded, build.ToString());
        // Not in Library.Tests (CIP0004 when it runs them) or App (CIP0002), which get the package through the library;
        // not CIP0001 in Library/HostForwarded.cs, which its .editorconfig declares resolved by the host.
        ConsumerAssert.Reported(expected, solution.ReportedDiagnostics(build), build);

        foreach (var output in new[] { "Library.Tests", "App" })
        {
            Assert.True(
                File.Exists(solution.PathOf(Path.Combine(output, "bin", "Debug", "net10.0", "ClientIp.dll"))),
                $"{output} runs the library, which calls the resolver: its output needs ClientIp.dll.\n{build}");
        }

        // The test project tests the library with the package's test helpers, and the library finds the client.
        var tests = await log.Logged(solution.RunDotNetAsync(Path.Combine("Library.Tests", "bin", "Debug", "net10.0", "Library.Tests.dll")));
        Assert.True(tests.Succeeded, tests.ToString());
        Assert.Contains("client=203.0.113.7", tests.Output, StringComparison.Ordinal);

        // netstandard2.0 gets the analyzers (above) but neither the resolver nor ASP.NET Core: a library on the 2.x
        // packages keeps compiling against them.
        var legacy = PackageTarget(solution, "Legacy", "netstandard2.0");
        Assert.Equal(["lib/netstandard2.0/_._"], legacy["compile"]!.AsObject().Select(asset => asset.Key));
        Assert.Null(legacy["frameworkReferences"]);
        var library = PackageTarget(solution, "Library", "net10.0");
        Assert.Equal(["lib/net10.0/ClientIp.dll"], library["compile"]!.AsObject().Select(asset => asset.Key));
        Assert.Equal(["Microsoft.AspNetCore.App"], library["frameworkReferences"]!.AsArray().Select(name => (string?)name));
    }

    [Fact]
    public async Task EnableClientIpAnalyzers_turns_them_on_where_the_package_comes_through_a_library_and_off_where_it_is_referenced()
    {
        using var solution = new ConsumerProject(feed, "LibrarySolution");
        const string enable = "<PropertyGroup><EnableClientIpAnalyzers>true</EnableClientIpAnalyzers></PropertyGroup>";
        solution.AddToProjectFile(enable, "App/App.csproj");
        solution.AddToProjectFile(enable, "Library.Tests/Library.Tests.csproj");
        solution.AddToProjectFile("<PropertyGroup><EnableClientIpAnalyzers>false</EnableClientIpAnalyzers></PropertyGroup>", "Library/Library.csproj");
        var expected = solution.ExpectedDiagnostics("expect-when-enabled")
            .Where(d => !d.File.StartsWith("Library/", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(
            ["App/Program.cs", "Legacy/ListenerClient.cs", "Library.Tests/Program.cs"],
            expected.Select(d => d.File).Order(StringComparer.Ordinal));

        var build = await log.Logged(solution.BuildAsync());

        Assert.True(build.Succeeded, build.ToString());
        ConsumerAssert.Reported(expected, solution.ReportedDiagnostics(build), build);
    }

    /// <summary>What restore gave <paramref name="project"/> from ClientIp.Analyzers for <paramref name="framework"/>.</summary>
    private static JsonObject PackageTarget(ConsumerProject solution, string project, string framework)
    {
        var assets = JsonNode.Parse(File.ReadAllText(solution.PathOf(Path.Combine(project, "obj", "project.assets.json"))))!;
        return assets["targets"]![framework]!.AsObject()
            .Single(package => package.Key.StartsWith("ClientIp.Analyzers/", StringComparison.Ordinal)).Value!.AsObject();
    }
}
