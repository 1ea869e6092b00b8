using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.DocGen;

/// <summary>One rule as the package ships it.</summary>
/// <param name="Descriptor">The descriptor from <c>ClientIp.Analyzers.Descriptors</c>.</param>
/// <param name="HasCodeFix">Whether a code fix provider in ClientIp.CodeFixes lists the id as fixable.</param>
/// <param name="HasAnalyzer">Whether an analyzer in ClientIp.Analyzers reports the id.</param>
public sealed record Rule(DiagnosticDescriptor Descriptor, bool HasCodeFix, bool HasAnalyzer)
{
    /// <summary>The rule id, e.g. CIP0001.</summary>
    public string Id => Descriptor.Id;
}

/// <summary>
/// Reads the rules from the built analyzer and code-fix assemblies (by reflection, so the generated files can only say
/// what the assemblies really contain) and renders the files derived from them.
/// </summary>
public static class RuleMetadata
{
    /// <summary>The command that rewrites the generated files, printed whenever they drifted.</summary>
    public const string RegenerateCommand = "dotnet run --project tools/ClientIp.DocGen";

    /// <summary>Marker before the generated README table.</summary>
    public const string TableBegin = "<!-- rules-table:begin -->";

    /// <summary>Marker after the generated README table.</summary>
    public const string TableEnd = "<!-- rules-table:end -->";

    /// <summary>Path of the package's default global config, relative to the repository root.</summary>
    public const string GlobalConfigPath = "src/ClientIp.Package/build/ClientIp.Analyzers.globalconfig";

    private static readonly Regex OptionRow = new(@"^\|\s*`(?<key>clientip\.[^`\s]+)`\s*\|\s*`(?<default>[^`]*)`\s*\|", RegexOptions.CultureInvariant);

    /// <summary>The analyzer assembly.</summary>
    public static Assembly AnalyzerAssembly => typeof(ClientIp.Analyzers.DiagnosticIds).Assembly;

    /// <summary>The code-fix assembly.</summary>
    public static Assembly CodeFixAssembly => Assembly.Load(new AssemblyName("ClientIp.CodeFixes"));

    /// <summary>Every descriptor of <c>ClientIp.Analyzers.Descriptors</c>, in id order, with what implements it.</summary>
    public static IReadOnlyList<Rule> LoadRules()
    {
        var descriptorsType = AnalyzerAssembly.GetType("ClientIp.Analyzers.Descriptors", throwOnError: true)!;
        var descriptors = descriptorsType.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var fixable = Instances<CodeFixProvider>(CodeFixAssembly).SelectMany(p => p.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
        var analyzed = Instances<DiagnosticAnalyzer>(AnalyzerAssembly).SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return descriptors.Select(d => new Rule(d, fixable.Contains(d.Id), analyzed.Contains(d.Id))).ToList();
    }

    /// <summary>Every analyzer type exported by the analyzer assembly, instantiated.</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> LoadAnalyzers() => Instances<DiagnosticAnalyzer>(AnalyzerAssembly);

    /// <summary>
    /// The options documented in the rule pages under <c>## Options</c>, as table rows
    /// <c>| `clientip.key` | `default` | ... |</c>, in key order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> LoadOptionDefaults(string repositoryRoot)
    {
        var rulesFolder = Path.Combine(repositoryRoot, "docs", "rules");
        var pages = Directory.Exists(rulesFolder) ? Directory.GetFiles(rulesFolder, "*.md") : Array.Empty<string>();
        return pages.SelectMany(p => ParseOptionTable(File.ReadAllText(p)))
            .GroupBy(o => o.Key, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The option rows of one rule page's <c>## Options</c> section.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseOptionTable(string page)
    {
        var inOptions = false;
        foreach (var line in page.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inOptions = line.TrimEnd() == "## Options";
                continue;
            }

            var match = OptionRow.Match(line);
            if (inOptions && match.Success)
            {
                yield return new KeyValuePair<string, string>(match.Groups["key"].Value, match.Groups["default"].Value);
            }
        }
    }

    /// <summary>The README table, markers included.</summary>
    public static string RenderReadmeTable(IEnumerable<Rule> rules)
    {
        var text = new StringBuilder();
        text.Append(TableBegin).Append('\n');
        text.Append("| Id | Title | Default severity | Code fix |\n");
        text.Append("|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            var d = rule.Descriptor;
            var severity = d.IsEnabledByDefault ? d.DefaultSeverity.ToString() : "Disabled";
            text.Append(CultureInfo.InvariantCulture, $"| [{d.Id}](docs/rules/{d.Id}.md) | {Escape(d.Title.ToString(CultureInfo.InvariantCulture))} | {severity} | {(rule.HasCodeFix ? "Yes" : "No")} |\n");
        }

        text.Append(TableEnd);
        return text.ToString();
    }

    /// <summary><paramref name="readme"/> with its table region replaced by <paramref name="table"/>.</summary>
    public static string ReplaceReadmeTable(string readme, string table)
    {
        var begin = readme.IndexOf(TableBegin, StringComparison.Ordinal);
        var end = readme.IndexOf(TableEnd, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"README.md must contain '{TableBegin}' followed by '{TableEnd}'.");
        }

        return readme.Substring(0, begin) + table + readme.Substring(end + TableEnd.Length);
    }

    /// <summary>The package's default global config.</summary>
    public static string RenderGlobalConfig(IEnumerable<Rule> rules, IEnumerable<KeyValuePair<string, string>> options)
    {
        var text = new StringBuilder();
        text.Append("# ClientIp.Analyzers defaults. Generated from src/ClientIp.Analyzers/Descriptors.cs; do not edit, run:\n");
        text.Append("#   ").Append(RegenerateCommand).Append('\n');
        text.Append("# A negative global_level means your .editorconfig and global configs always win.\n");
        text.Append("is_global = true\n");
        text.Append("global_level = -1\n");
        foreach (var rule in rules)
        {
            text.Append('\n');
            text.Append("# ").Append(rule.Id).Append(": ").Append(rule.Descriptor.Title.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("dotnet_diagnostic.").Append(rule.Id).Append(".severity = ").Append(EditorConfigSeverity(rule.Descriptor)).Append('\n');
        }

        var optionList = options.ToList();
        if (optionList.Count > 0)
        {
            // Commented out on purpose: an active per-rule default here would shadow the rule-independent
            // clientip.<option> keys a user sets in their own configuration.
            text.Append("\n# Options documented in docs/rules, shown with their built-in defaults for reference.\n");
            text.Append("# Set them in your own .editorconfig or global config.\n");
            foreach (var option in optionList)
            {
                text.Append("# ").Append(option.Key).Append(" = ").Append(option.Value).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string EditorConfigSeverity(DiagnosticDescriptor descriptor) => !descriptor.IsEnabledByDefault
        ? "none"
        : descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "suggestion",
            _ => "silent",
        };

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

    private static IReadOnlyList<T> Instances<T>(Assembly assembly)
        where T : class =>
        assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => t.GetCustomAttributes().Any(a => a is DiagnosticAnalyzerAttribute or ExportCodeFixProviderAttribute))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToList();
}
