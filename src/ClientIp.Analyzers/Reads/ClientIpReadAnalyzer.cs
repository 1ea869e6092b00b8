using System.Collections.Immutable;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// The read rules, CIP0001 (<see cref="RemoteAddressAsClientRule"/>) and CIP0002/CIP0003
/// (<see cref="ClientIpHeaderReadRule"/>): one analyzer with one callback per operation kind that hands each operation to
/// every rule, because the compiler times and dispatches every callback of every analyzer on every operation of the
/// kinds it subscribes to; two analyzers on the same kinds paid that twice (issue 15, bench/analyzer-cost/README.md).
/// </summary>
/// <remarks>
/// Each rule keeps its own descriptor, logic class, tests and page. The rules are independent: each decides on its own
/// whether an operation is its finding, so suppressing one id (the tests select rules this way) leaves the other
/// rules' findings exactly as they were.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientIpReadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CIP0001, Descriptors.CIP0002, Descriptors.CIP0003);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed. ReportDiagnostics (everything we report is in handwritten code) spares the
        // driver its per-report [GeneratedCode] check, which walks the whole file (bench/analyzer-cost/README.md).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (ReadReporting.IsClientIpLibrary(context.Compilation))
        {
            return;
        }

        var symbols = WellKnownSymbols.For(context.Compilation);
        if (!symbols.IsRelevant(context.CancellationToken))
        {
            return;
        }

        var rules = new Rules(symbols);
        context.RegisterOperationAction(rules.AnalyzeOperation, OperationKind.PropertyReference, OperationKind.Invocation);
        if (symbols.Get(WellKnownType.Microsoft_AspNetCore_Http_Metadata_IFromHeaderMetadata) is not null)
        {
            context.RegisterSyntaxNodeAction(rules.AnalyzeAttributeList, SyntaxKind.AttributeList);
        }
    }

    /// <summary>One compilation's read rules: the registry and the lazily scanned forwarding configuration (CIP0001).</summary>
    private sealed class Rules
    {
        private readonly WellKnownSymbols _symbols;
        private readonly ForwardedHeadersConfiguration _configuration;

        public Rules(WellKnownSymbols symbols)
        {
            _symbols = symbols;
            _configuration = new ForwardedHeadersConfiguration(symbols);
        }

        public void AnalyzeOperation(OperationAnalysisContext context)
        {
            RemoteAddressAsClientRule.Analyze(in context, _symbols, _configuration);
            ClientIpHeaderReadRule.AnalyzeRead(in context, _symbols);
        }

        public void AnalyzeAttributeList(SyntaxNodeAnalysisContext context) => ClientIpHeaderReadRule.AnalyzeAttributeList(in context, _symbols);
    }
}
