using System.Collections.Generic;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// CIP0002: a client-IP header is read without checking that the request came from a trusted proxy.
/// CIP0003: the leftmost entry of X-Forwarded-For (or X-Original-Forwarded-For, Forwarded) is taken as the client.
/// </summary>
/// <remarks>
/// <para>One analyzer for both so that a read whose leftmost entry is selected gets CIP0003 only, never CIP0002 too.</para>
/// <para>Locations (the code fix relies on them):
/// CIP0002 = the header read expression: the element access (<c>ctx.Request.Headers["X-Real-IP"]</c>), the invocation
/// (<c>headers.TryGetValue("X-Real-IP", out var v)</c>, <c>headers.GetCommaSeparatedValues("X-Forwarded-For")</c>,
/// <c>request.Headers.GetValues("X-Forwarded-For")</c>), or for model binding the attribute
/// (<c>FromHeader(Name = "X-Forwarded-For")</c>, without the brackets). Shapes added for issue 11, each at the read
/// expression as well: the LINQ call picking an entry by key (<c>headers.FirstOrDefault(h => h.Key == "X-Real-IP")</c>);
/// the lookup on a copy of the headers (<c>copy["X-Real-IP"]</c>, <c>copy.TryGetValue(...)</c>); the call of a helper of
/// this compilation that reads a header by a string parameter (<c>GetHeader(request, "X-Real-IP")</c>); gRPC metadata
/// lookups (<c>context.RequestHeaders.GetValue("x-real-ip")</c>, <c>Get</c>, <c>GetAll</c>); <c>ctx.GetServerVariable("HTTP_X_FORWARDED_FOR")</c>
/// and <c>feature["HTTP_X_FORWARDED_FOR"]</c>; HeaderParsing's <c>request.TryGetHeaderValue(key, out var addresses)</c>.
/// CIP0003 = the outermost expression that selects the leftmost entry, e.g. the whole
/// <c>Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]</c> (a trailing <c>.Trim()</c> is not included);
/// when the selection goes through a local (<c>parts[0]</c>), the header read is the first additional location.
/// Any constant position counted from the left (<c>parts[1]</c>, <c>ElementAt(1)</c>) is a selection too; a helper call
/// whose helper selects the leftmost entry is reported at the call. Reported whether or not a trusted-peer check guards
/// the read: the trusted proxy vouches only for the rightmost entries.
/// With a <c>?.</c> before the selection the location widens to the enclosing conditional access, as for CIP0001.</para>
/// <para>Properties: HeaderName (canonical casing, see <see cref="DiagnosticProperties"/>). Whether a fix exists is the code fix's call.</para>
/// <para>Not reported: writes, Append/Remove/ContainsKey (not reads), response headers, reads whose value is only
/// checked for presence (null/empty patterns included) or asserted in a test, CIP0002 reads only reached when a
/// trusted-peer check passed (<see cref="TrustedPeerCheck"/>), code in the ClientIp namespace or assembly, and reads
/// whose value only reaches log calls, log scopes or trace tags (option <c>clientip.CIP0002.report_logging_reads</c> /
/// <c>clientip.CIP0003.report_logging_reads</c>).</para>
/// <para>Run by <see cref="ClientIpAnalyzer"/>, which hands it indexers, the calls its name table lists and calls of the app's own methods.</para>
/// </remarks>
internal static class ClientIpHeaderReadRule
{
    public static void AnalyzeRead(in OperationAnalysisContext context, WellKnownSymbols symbols)
    {
        var ct = context.CancellationToken;
        if (HeaderReadMatcher.Match(context.Operation, symbols, ct) is not { } read || ReadReporting.IsInClientIpLibrary(context.ContainingSymbol))
        {
            return;
        }

        // A trusted-peer check vouches only for what the trusted proxy appended, at the right: the leftmost entry stays
        // the client's own claim, guarded or not (the CVE-2026-44183 shape).
        var tree = read.Operation.Syntax.SyntaxTree;
        if (read.ListHeaderName is { } listHeader)
        {
            var selections = read.HelperSelectsLeftmost ? new List<IOperation> { read.Operation } : LeftmostSelection.Find(read, ct);
            if (selections.Count > 0)
            {
                var reportLogging = ClientIpAnalyzerOptions.IsEnabled(context.Options, tree, DiagnosticIds.LeftmostForwardedForEntry, ClientIpAnalyzerOptions.ReportLoggingReads);
                foreach (var selection in selections)
                {
                    var selectionUses = ValueUses.Summarize(selection, isText: true, symbols, ct);
                    if (selectionUses.OnlyPresence || (selectionUses.OnlyLogging && !reportLogging))
                    {
                        continue;
                    }

                    var additional = OperationWalk.IsWithin(read.Operation, selection)
                        ? null
                        : new[] { read.Operation.Syntax.GetLocation() };
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CIP0003,
                        ReadReporting.LocationOf(selection.Syntax),
                        additional,
                        ReadReporting.Properties(listHeader),
                        listHeader));
                }

                return; // the leftmost selection is the mistake to fix; no CIP0002 on the same read
            }
        }

        if (TrustedPeerCheck.IsGuarded(read.Operation, symbols, ct))
        {
            return;
        }

        var uses = read.Value is null ? default : ValueUses.Summarize(read.Value, read.IsText, symbols, ct);
        if (uses.OnlyPresence ||
            (uses.OnlyLogging && !ClientIpAnalyzerOptions.IsEnabled(context.Options, tree, DiagnosticIds.UnguardedClientIpHeaderRead, ClientIpAnalyzerOptions.ReportLoggingReads)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CIP0002,
            ReadReporting.LocationOf(read.Operation.Syntax),
            ReadReporting.Properties(read.HeaderName),
            read.HeaderName));
    }

    /// <summary>
    /// <c>[FromHeader]</c> on a parameter (of a method, constructor, lambda or local function) or a property. Driven by
    /// attribute lists rather than by every method, property and lambda: almost no declaration carries one, and a
    /// declaration's attributes are only looked at once, from its first list.
    /// </summary>
    public static void AnalyzeAttributeList(in SyntaxNodeAnalysisContext context, WellKnownSymbols symbols)
    {
        // Assigned apart, not built as a tuple value: a tuple over SyntaxList has its constructor JIT-compiled in every
        // fresh compiler (bench/analyzer-cost/README.md, lever 16).
        var list = (AttributeListSyntax)context.Node;
        SyntaxNode? owner = null;
        var lists = default(SyntaxList<AttributeListSyntax>);
        switch (list.Parent)
        {
            case ParameterSyntax parameter when parameter.AttributeLists[0] == list:
                (owner, lists) = (parameter, parameter.AttributeLists);
                break;
            case PropertyDeclarationSyntax property when property.AttributeLists[0] == list:
                (owner, lists) = (property, property.AttributeLists);
                break;
        }

        // Model binding from headers exists only with IFromHeaderMetadata (ASP.NET Core 6+), looked up once a list may bind one.
        if (owner is null || !FromHeader.MayBindHeader(lists) ||
            symbols.Get(WellKnownType.Microsoft_AspNetCore_Http_Metadata_IFromHeaderMetadata) is null)
        {
            return; // another kind of declaration, a later list of the same one, or only [FromQuery], [Required] ...
        }

        var ct = context.CancellationToken;
        if (DeclaredSymbol(context, owner) is not { } target ||
            ReadReporting.IsInClientIpLibrary(target) ||
            FromHeader.Find(target, symbols) is not { } binding ||
            binding.Attribute.ApplicationSyntaxReference is not { } syntax)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CIP0002,
            syntax.GetSyntax(ct).GetLocation(),
            ReadReporting.Properties(binding.Header),
            binding.Header));
    }

    /// <summary>
    /// The parameter or property an attribute list belongs to. The containing symbol the driver already has answers
    /// for a property and for a method's, constructor's or operator's parameter, which is nearly every list here;
    /// the semantic model is asked only for the rest (lambdas, local functions, delegates, records, indexers).
    /// </summary>
    private static ISymbol? DeclaredSymbol(in SyntaxNodeAnalysisContext context, SyntaxNode owner)
    {
        switch (owner)
        {
            case PropertyDeclarationSyntax when context.ContainingSymbol is IPropertySymbol property:
                return property;
            case ParameterSyntax { Parent: ParameterListSyntax { Parent: BaseMethodDeclarationSyntax } list } parameter
                when context.ContainingSymbol is IMethodSymbol method && method.Parameters.Length == list.Parameters.Count:
                return method.Parameters[list.Parameters.IndexOf(parameter)];
            default:
                return context.SemanticModel.GetDeclaredSymbol(owner, context.CancellationToken);
        }
    }
}
