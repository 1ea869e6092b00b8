using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Options read from .editorconfig or a global config, all under the prefix <c>clientip.</c>: first the rule's own
/// key <c>clientip.CIPxxxx.name</c>, then the rule-independent <c>clientip.name</c>. Values are <c>true</c>/<c>false</c>.
/// Documented in docs/rules/CIP0001.md-CIP0003.md.
/// </summary>
internal static class ClientIpAnalyzerOptions
{
    public const string Prefix = "clientip.";

    /// <summary>CIP0001: this project (e.g. a class library) runs in a host that applies forwarded headers.</summary>
    public const string ForwardedHeadersConfiguredByHost = "forwarded_headers_configured_by_host";

    /// <summary>CIP0001-CIP0003: also report reads whose value only goes to log calls.</summary>
    public const string ReportLoggingReads = "report_logging_reads";

    public static bool IsEnabled(AnalyzerOptions options, SyntaxTree tree, string ruleId, string option)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        var treeOptions = provider.GetOptions(tree);
        foreach (var key in new[] { Prefix + ruleId + "." + option, Prefix + option })
        {
            if (treeOptions.TryGetValue(key, out var value) || provider.GlobalOptions.TryGetValue(key, out value))
            {
                return bool.TryParse(value.Trim(), out var enabled) && enabled;
            }
        }

        return false;
    }
}
