using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.Package;

/// <summary>A diagnostic id at a line (1-based) of a file (path relative to the consumer project).</summary>
public sealed record DiagnosticAt(string File, int Line, string Id)
{
    public override string ToString() => $"{File}({Line}): {Id}";
}

/// <summary>
/// A fresh copy of ConsumerApp/ (a web project with the classic mistakes) in a temp folder, wired to the packed feed
/// through its own NuGet.config and restoring into a packages folder of its own, so no cached copy of the package
/// can stand in for the one under test.
/// </summary>
public sealed partial class ConsumerProject : IDisposable
{
    // A build takes seconds on an idle machine; the bound only stops a hung tool.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    private readonly TempDirectory root = new("consumer");
    private readonly string packagesFolder;

    public ConsumerProject(PackedFeed feed)
        : this(feed, "ConsumerApp")
    {
    }

    /// <summary>
    /// A fresh copy of another consumer template: <paramref name="template"/> is a folder under the test output holding
    /// a ConsumerApp.csproj (so <see cref="Run"/> finds ConsumerApp.dll) and its sources.
    /// </summary>
    public ConsumerProject(PackedFeed feed, string template)
    {
        Directory = Path.Combine(root.Path, "app");
        packagesFolder = Path.Combine(root.Path, "packages");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, template), Directory);

        WriteFile("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="clientip-e2e" value="{feed.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <!-- The package under test can only come from the packed feed. -->
              <packageSourceMapping>
                <packageSource key="clientip-e2e"><package pattern="ClientIp.Analyzers" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        // Also stops MSBuild from looking for Directory.Build.props files further up the temp folder.
        WriteFile("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <ClientIpAnalyzersVersion>{feed.Version}</ClientIpAnalyzersVersion>
                <RestorePackagesPath>{packagesFolder}</RestorePackagesPath>
                <!-- The vulnerability audit fetches data over the network; a hiccup there would fail -warnaserror. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    public void WriteFile(string relativePath, string content) => File.WriteAllText(PathOf(relativePath), content);

    /// <summary>Where restore put the package: inside this consumer's private packages folder.</summary>
    public string RestoredPackageDirectory(string version) =>
        Path.Combine(packagesFolder, "clientip.analyzers", version.ToLowerInvariant());

    /// <summary>Adds <paramref name="xml"/> (an ItemGroup or PropertyGroup) at the end of ConsumerApp.csproj.</summary>
    public void AddToProjectFile(string xml)
    {
        var project = PathOf("ConsumerApp.csproj");
        var text = File.ReadAllText(project);
        var end = text.LastIndexOf("</Project>", StringComparison.Ordinal);
        File.WriteAllText(project, text[..end] + "  " + xml + "\n" + text[end..]);
    }

    /// <summary>The project's C# sources, by path relative to the project folder.</summary>
    public IReadOnlyDictionary<string, string> Sources() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(Directory, path)))
            .ToDictionary(path => Normalize(Path.GetRelativePath(Directory, path)), File.ReadAllText);

    /// <summary>
    /// The diagnostics the sources announce: a line ending in <c>// expect: CIP0001</c> must get CIP0001 at that line.
    /// Read from the files each time, so expected lines follow the source.
    /// </summary>
    public IReadOnlyList<DiagnosticAt> ExpectedDiagnostics() =>
        Sources()
            .SelectMany(source => source.Value.Split('\n')
                .Select((text, index) => (text, line: index + 1))
                .SelectMany(line => ExpectMarker().Matches(line.text)
                    .Select(m => new DiagnosticAt(source.Key, line.line, m.Groups["id"].Value))))
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>`dotnet build -warnaserror`, as a CI pipeline runs it.</summary>
    public Task<ProcessResult> BuildWithWarningsAsErrorsAsync() =>
        RunDotNetAsync("build", "-warnaserror", "-tl:off", "-nodeReuse:false");

    /// <summary>`dotnet build`, warnings left as warnings (to run the app as it is before a fix).</summary>
    public Task<ProcessResult> BuildAsync() =>
        RunDotNetAsync("build", "-tl:off", "-nodeReuse:false");

    /// <summary>`dotnet format analyzers` limited to the three mistakes this project holds.</summary>
    public Task<ProcessResult> FormatAsync() =>
        RunDotNetAsync("format", "analyzers", "--diagnostics", "CIP0001", "CIP0002", "CIP0003", "--severity", "warn",
            "--verbosity", "diagnostic");

    /// <summary>`dotnet format analyzers` for the given rules (the fix command a user runs).</summary>
    public Task<ProcessResult> FormatAsync(IEnumerable<string> diagnostics) =>
        RunDotNetAsync(["format", "analyzers", "--diagnostics", .. diagnostics, "--severity", "warn", "--verbosity", "diagnostic"]);

    /// <summary>Starts the built app (Debug output) listening on <paramref name="url"/>.</summary>
    public ChildProcess Run(string url) =>
        DotNet.Start(Directory, Path.Combine("bin", "Debug", "net10.0", "ConsumerApp.dll"), "--urls", url);

    /// <summary>
    /// The CIP diagnostics in MSBuild output (<c>path(line,col): error CIP0001: ...</c>), each once, with paths made
    /// relative to the project; MSBuild repeats errors in its summary.
    /// </summary>
    public IReadOnlyList<DiagnosticAt> ReportedDiagnostics(ProcessResult build) =>
        CompilerDiagnostic().Matches(build.Output)
            .Select(m => new DiagnosticAt(
                Normalize(Path.GetRelativePath(Directory, m.Groups["file"].Value)),
                int.Parse(m.Groups["line"].Value),
                m.Groups["id"].Value))
            .Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    public void Dispose() => root.Dispose();

    private Task<ProcessResult> RunDotNetAsync(params string[] arguments) =>
        DotNet.RunAsync(Directory, CommandTimeout, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packagesFolder }, arguments);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/');

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"//\s*expect:\s*(?<id>CIP\d{4})")]
    private static partial Regex ExpectMarker();

    [GeneratedRegex(@"(?<file>[^\s(][^(\r\n]*?\.cs)\((?<line>\d+),(?<column>\d+)\): (?:error|warning) (?<id>CIP\d{4}):")]
    private static partial Regex CompilerDiagnostic();
}
