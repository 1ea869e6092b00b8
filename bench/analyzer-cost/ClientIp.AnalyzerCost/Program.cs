using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ClientIp.AnalyzerCost.Generation;
using ClientIp.AnalyzerCost.InProcess;
using ClientIp.AnalyzerCost.Reporting;

namespace ClientIp.AnalyzerCost;

/// <summary>
/// Command line of the analyzer-cost tooling (driven by bench/run.sh):
/// <c>generate --out DIR --repo ROOT [--files N] [--seed S] [--kind web|small|classlib]</c> writes a project;
/// <c>report --logs DIR</c> prints the markdown tables for the build logs in DIR;
/// <c>inprocess [--ours DLL] [--versus DLL] [--files N] [--runs R] [--serial true]</c> measures the analyzers in process (see <see cref="InProcessCost"/>);
/// <c>callbacks [--ours DLL] [--versus DLL] [--files N] [--rounds R]</c> times our callbacks alone in thread CPU time (see <see cref="CallbackCost"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "generate" => Generate(Options(args.Skip(1))),
                "report" => Report(Options(args.Skip(1))),
                "inprocess" => InProcess(Options(args.Skip(1))),
                "callbacks" => Callbacks(Options(args.Skip(1))),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or InvalidDataException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int Generate(IReadOnlyDictionary<string, string> options)
    {
        var output = Required(options, "out");
        var repository = Path.GetFullPath(Required(options, "repo"));
        if (Path.GetFullPath(output).StartsWith(repository.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("--out must be outside the repository, or the solution and its globs would pick the generated project up.");
        }

        var (kind, everyShape) = Kind(options);
        var generatorOptions = new GeneratorOptions(
            output,
            repository,
            int.Parse(options.GetValueOrDefault("files", "1000"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture),
            kind,
            EveryShape: everyShape);
        var summary = ProjectGenerator.Generate(generatorOptions);
        var planted = string.Join(", ", summary.PlantedFilesByRule.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        Console.WriteLine($"wrote {summary.Files} files, {summary.Lines} lines to {Path.GetFullPath(output)}" + (planted.Length > 0 ? $"; planted {planted}" : string.Empty));
        return 0;
    }

    private static int Report(IReadOnlyDictionary<string, string> options)
    {
        Console.Write(CostReport.Write(Required(options, "logs")));
        return 0;
    }

    private static int InProcess(IReadOnlyDictionary<string, string> options)
    {
        var repository = Path.GetFullPath(options.GetValueOrDefault("repo", "."));
        var (kind, everyShape) = Kind(options);
        var ours = options.GetValueOrDefault("ours", Path.Combine(repository, "src/ClientIp.Analyzers/bin/Release/netstandard2.0/ClientIp.Analyzers.dll"));
        var resolver = options.GetValueOrDefault("resolver", Path.Combine(repository, "src/ClientIp/bin/Release/net10.0/ClientIp.dll"));
        return InProcessCost.Run(
            repository,
            ours,
            File.Exists(resolver) ? resolver : null,
            int.Parse(options.GetValueOrDefault("files", "300"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture),
            kind,
            int.Parse(options.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture),
            options.GetValueOrDefault("framework-analyzers", "true") != "false",
            everyShape,
            options.GetValueOrDefault("versus"),
            options.GetValueOrDefault("serial", "false") == "true");
    }

    private static int Callbacks(IReadOnlyDictionary<string, string> options)
    {
        var repository = Path.GetFullPath(options.GetValueOrDefault("repo", "."));
        var (kind, everyShape) = Kind(options);
        var resolver = options.GetValueOrDefault("resolver", Path.Combine(repository, "src/ClientIp/bin/Release/net10.0/ClientIp.dll"));
        return CallbackCost.Run(
            repository,
            options.GetValueOrDefault("ours", Path.Combine(repository, "src/ClientIp.Analyzers/bin/Release/netstandard2.0/ClientIp.Analyzers.dll")),
            options.GetValueOrDefault("versus"),
            File.Exists(resolver) ? resolver : null,
            int.Parse(options.GetValueOrDefault("files", "1000"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture),
            kind,
            everyShape,
            int.Parse(options.GetValueOrDefault("rounds", "11"), CultureInfo.InvariantCulture));
    }

    // "small" is the web app with one of each request-handling shape guaranteed, meant for about 20 files.
    private static (ProjectKind Kind, bool EveryShape) Kind(IReadOnlyDictionary<string, string> options) =>
        options.GetValueOrDefault("kind", "web") switch
        {
            "web" => (ProjectKind.Web, false),
            "small" => (ProjectKind.Web, true),
            "classlib" => (ProjectKind.ClassLibrary, false),
            var other => throw new ArgumentException($"unknown --kind '{other}' (web, small or classlib)"),
        };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: ClientIp.AnalyzerCost generate --out DIR --repo ROOT [--files N] [--seed S] [--kind web|small|classlib]");
        Console.Error.WriteLine("       ClientIp.AnalyzerCost report --logs DIR");
        Console.Error.WriteLine("       ClientIp.AnalyzerCost inprocess [--repo ROOT] [--ours ClientIp.Analyzers.dll] [--resolver ClientIp.dll] [--files N] [--seed S] [--kind web|small|classlib] [--runs R] [--framework-analyzers false] [--versus OTHER.dll] [--serial true]");
        Console.Error.WriteLine("       ClientIp.AnalyzerCost callbacks [--repo ROOT] [--ours ClientIp.Analyzers.dll] [--versus OTHER.dll] [--resolver ClientIp.dll] [--files N] [--seed S] [--kind web|small|classlib] [--rounds R]");
        return 2;
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var list = args.ToList();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i += 2)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
            {
                throw new ArgumentException($"expected '--name value' at '{list[i]}'");
            }

            options[list[i][2..]] = list[i + 1];
        }

        return options;
    }

    private static string Required(IReadOnlyDictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
}
