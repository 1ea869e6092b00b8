using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Configuration;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers;

/// <summary>
/// Every rule of the package in one analyzer: the read rules CIP0001 (<see cref="RemoteAddressAsClientRule"/>) and
/// CIP0002/CIP0003 (<see cref="ClientIpHeaderReadRule"/>), and the configuration rules CIP0004
/// (<see cref="ForwardedHeadersTrustAllRule"/>) and CIP0005 (<see cref="ForwardedHeadersOrderRule"/>). One callback per
/// operation kind hands each operation to every rule that applies, because the compiler dispatches and times every
/// callback of every analyzer on every operation of the kinds it subscribes to: with one analyzer per rule the project
/// paid that floor seven times (property references and calls twice each, calls and assignments once more); now it
/// pays it twice (issue 15, bench/analyzer-cost/README.md).
/// </summary>
/// <remarks>
/// <para>Each rule keeps its own descriptor, logic class, tests and page, and decides on its own whether an operation
/// is its finding, so suppressing an id (the tests select rules this way) leaves the other rules' findings exactly as
/// they were.</para>
/// <para>The read rules run where a web stack is used (<see cref="WellKnownSymbols.IsRelevant"/>) and not in the ClientIp
/// library itself; CIP0004 finds something only where forwarding options exist, CIP0005 only where an application
/// builder does. A compilation where none of that holds (a plain class library) registers nothing past its
/// compilation-start action.</para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientIpAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CIP0001, Descriptors.CIP0002, Descriptors.CIP0003, Descriptors.CIP0004, Descriptors.CIP0005,
        Descriptors.Variants.CIP0005TwoMiddlewares);

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
        // One look-up decides for an ASP.NET Core app (HttpContext, in IsRelevant); the configuration rules' types are
        // looked up only where no read rule applies, to know whether to register at all. Everywhere else the rules look
        // their types up on first use, after a name matched: at compilation start every look-up was dearer (in a fresh
        // compiler the small app's start action took 5-10 ms, 1.5 ms of it for HttpContext; bench/analyzer-cost/README.md).
        var symbols = WellKnownSymbols.For(context.Compilation);
        var reads = !ReadReporting.IsClientIpLibrary(context.Compilation) && symbols.IsRelevant(context.CancellationToken);
        if (!reads && !ForwardedHeadersTrustAllRule.Applies(symbols) && !ForwardedHeadersOrderRule.Applies(symbols))
        {
            return;
        }

        // The ClientIp library's opt-in is a property set to true: seen from the property reference (a kind the read
        // rules subscribe to anyway) rather than from every assignment in the project. Its check matches the name first,
        // so with the read rules it costs nothing to run it on every property reference.
        var rules = new Rules(symbols, reads, context.CancellationToken);
        if (reads || ForwardedHeadersTrustAllRule.NeedsAssignments(symbols))
        {
            context.RegisterOperationAction(rules.AnalyzePropertyReference, OperationKind.PropertyReference);
        }

        context.RegisterOperationAction(rules.AnalyzeInvocation, OperationKind.Invocation);
        if (reads)
        {
            context.RegisterSyntaxNodeAction(rules.AnalyzeAttributeList, SyntaxKind.AttributeList);
        }
    }

    /// <summary>Which rules look at an operation: the rules' own name tables, looked up once per operation.</summary>
    [Flags]
    private enum Interest
    {
        None = 0,
        PeerRead = 1,
        HeaderRead = 2,
        TrustAll = 4,
        Order = 8,
    }

    /// <summary>One compilation's rules: whether the read rules apply, the registry, and the lazily scanned forwarding configuration.</summary>
    /// <remarks>
    /// An operation or attribute list in a file whose text can hold no finding (<see cref="CandidateTrees"/>, told apart
    /// at compilation start: it mentions no member a rule matches by name and no client-IP header or server-variable
    /// name, nor a declaration carrying one) is turned away before its member is named. Elsewhere an operation goes only
    /// to the rules whose name table has its member's name (every rule also checks the name itself): the member and its name are asked of the compiler once, and one table
    /// look-up replaces a name test per rule (bench/analyzer-cost/README.md). Indexers go to the read rules, and so do
    /// calls of this compilation's own methods that pass a possible header name (header helpers, see
    /// <see cref="HeaderHelpers.MayBeHelperCall"/>). The configuration rules find nothing where their types are missing
    /// (CIP0005 asks <see cref="ForwardedHeadersOrderRule.Applies"/> once a forwarding call matched).
    /// </remarks>
    internal sealed class Rules
    {
        private static readonly NameTable InvocationInterest = new(
            (PeerAddress.InvocationNames, (int)Interest.PeerRead),
            (HeaderReadMatcher.InvocationNames, (int)Interest.HeaderRead),
            (ForwardedHeadersTrustAllRule.InvocationNames, (int)Interest.TrustAll),
            (ForwardedHeadersOrderRule.InvocationNames, (int)Interest.Order));

        // Every indexer is named this[] in C# (the compiler's name for them, whatever metadata calls them), so one name
        // test covers them; IsIndexer would be asked twice, since a metadata property's Name asks it too.
        private static readonly NameTable PropertyInterest = new(
            (new[] { WellKnownMemberNames.Indexer }, (int)(Interest.PeerRead | Interest.HeaderRead)),
            (PeerAddress.PropertyNames, (int)Interest.PeerRead),
            (ForwardedHeadersTrustAllRule.PropertyNames, (int)Interest.TrustAll));

        /// <summary>What a file with a finding of any rule mentions (<see cref="CandidateTrees"/>).</summary>
        internal static readonly CandidateTrees.Witnesses Witnessed = new(
            values: ClientIpHeaders.TextWitnesses.Concat(PeerAddress.ServerVariableNames),
            valueNames: ClientIpHeaders.ConstantNameWitnesses,
            members: PeerAddress.PropertyNames.Concat(ForwardedHeadersTrustAllRule.TextWitnesses).Concat(ForwardedHeadersOrderRule.InvocationNames)
                .Concat(new[] { HeaderReadMatcher.HeaderParsingMethodName }));

        private readonly WellKnownSymbols _symbols;
        private readonly ForwardedHeadersConfiguration _configuration;
        private readonly CandidateTrees _candidates;
        private readonly bool _reads;

        public Rules(WellKnownSymbols symbols, bool reads, CancellationToken ct)
        {
            _symbols = symbols;
            _candidates = CandidateTrees.Find(symbols.Compilation, Witnessed, ct);
            _configuration = new ForwardedHeadersConfiguration(symbols, _candidates);
            _reads = reads;
        }

        public void AnalyzePropertyReference(OperationAnalysisContext context)
        {
            if (!_candidates.Contains(context.FilterTree))
            {
                return;
            }

            var interest = (Interest)PropertyInterest.Flags(((IPropertyReferenceOperation)context.Operation).Property.Name);
            if (_reads && (interest & Interest.PeerRead) != 0)
            {
                RemoteAddressAsClientRule.Analyze(in context, _symbols, _configuration);
            }

            if (_reads && (interest & Interest.HeaderRead) != 0)
            {
                ClientIpHeaderReadRule.AnalyzeRead(in context, _symbols);
            }

            if ((interest & Interest.TrustAll) != 0)
            {
                ForwardedHeadersTrustAllRule.AnalyzeOptInTarget(in context, _symbols);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            if (!_candidates.Contains(context.FilterTree))
            {
                return;
            }

            var invocation = (IInvocationOperation)context.Operation;
            var interest = (Interest)InvocationInterest.Flags(invocation.TargetMethod.Name);
            if (_reads && (interest & Interest.PeerRead) != 0)
            {
                RemoteAddressAsClientRule.Analyze(in context, _symbols, _configuration);
            }

            if (_reads && ((interest & Interest.HeaderRead) != 0 || HeaderHelpers.MayBeHelperCall(invocation, _symbols.Compilation)))
            {
                ClientIpHeaderReadRule.AnalyzeRead(in context, _symbols);
            }

            if ((interest & Interest.TrustAll) != 0)
            {
                ForwardedHeadersTrustAllRule.AnalyzeInvocation(in context, _symbols);
            }

            if ((interest & Interest.Order) != 0)
            {
                ForwardedHeadersOrderRule.Analyze(in context, _symbols, _configuration);
            }
        }

        public void AnalyzeAttributeList(SyntaxNodeAnalysisContext context)
        {
            if (_candidates.Contains(context.FilterTree))
            {
                ClientIpHeaderReadRule.AnalyzeAttributeList(in context, _symbols);
            }
        }
    }
}
