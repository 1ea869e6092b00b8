using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace ClientIp.IntegrationTests.Infrastructure;

/// <summary>Runs the .NET SDK's CLI as a user would, isolated from the `dotnet test` run that hosts these tests.</summary>
public static class DotNet
{
    /// <summary>The repository this test assembly was built from (the folder holding ClientIp.Analyzers.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static Task<ProcessResult> RunAsync(
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment,
        params string[] arguments) =>
        ChildProcess.RunAsync(Executable, arguments, workingDirectory, timeout, CommandEnvironment(environment));

    /// <summary>Starts <c>dotnet <paramref name="arguments"/></c> as a server; dispose the result to stop it.</summary>
    public static ChildProcess Start(string workingDirectory, params string[] arguments) =>
        ChildProcess.Start(Executable, arguments, workingDirectory, CommandEnvironment(null));

    /// <summary>The dotnet host running these tests (the SDK exports its path), else the one on PATH.</summary>
    public static string Executable =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";

    /// <summary>
    /// The environment changes for a nested dotnet command (a value of null removes the variable), with
    /// <paramref name="overrides"/> applied last.
    /// </summary>
    public static Dictionary<string, string?> CommandEnvironment(IReadOnlyDictionary<string, string?>? overrides)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);

        // `dotnet test` exports MSBuild's own settings (SDK paths, node flags) to the test host; a nested build must
        // find its SDK by itself, exactly as in a user's shell.
        foreach (DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }

        // No build server, compiler server or reusable MSBuild node may outlive the command: they would keep its
        // output pipes open (and the test waiting), and leave processes behind.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClientIp.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ClientIp.Analyzers.sln above {AppContext.BaseDirectory}.");
    }
}
