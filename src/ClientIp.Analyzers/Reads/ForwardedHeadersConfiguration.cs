using System;
using System.Collections.Generic;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Whether this compilation configures forwarded-header processing, after which <c>RemoteIpAddress</c> already holds
/// the client: a call to the ClientIp library's <c>UseClientIp(...)</c>, or a call to ASP.NET Core's
/// <c>UseForwardedHeaders(...)</c> together with the enum member <c>ForwardedHeaders.XForwardedFor</c> (or
/// <c>ForwardedHeaders.All</c>) in a file that calls <c>UseForwardedHeaders</c> or names <c>ForwardedHeadersOptions</c>
/// (options are often configured apart from the call, through <c>Configure&lt;ForwardedHeadersOptions&gt;</c>).
/// </summary>
/// <remarks>
/// Computed once per compilation and only when the first candidate CIP0001 read is found; this keeps the diagnostic a
/// normal per-operation one (live in the IDE) instead of a compilation-end one. Each candidate file's text is searched
/// first (chunked, no whole-file string), and only files mentioning the calls or the options type are walked. Those are
/// mostly answered from the syntax (<see cref="SourceNames"/>); what the syntax cannot tell apart is bound.
/// One instance per compilation, created in the compilation-start action (which looks nothing up); never stored in an
/// analyzer field.
/// </remarks>
internal sealed class ForwardedHeadersConfiguration
{
    private const int MentionsUseForwardedHeaders = 2, MentionsOptions = 4; // bits of Needles (1 is UseClientIp)
    private const string OptionsName = "ForwardedHeadersOptions", ForwardedHeadersName = "ForwardedHeaders";

    /// <summary>What the scan searches each candidate file's text for; each is a witness of the candidate files (a test holds them so).</summary>
    internal static readonly string[] SearchedNames = { WellKnownSymbols.UseClientIpName, WellKnownSymbols.UseForwardedHeadersName, OptionsName };

    private static readonly SourceTextSearch Needles = new(SearchedNames);

    private readonly WellKnownSymbols _symbols;
    private readonly CandidateTrees _candidates;
    private readonly CachedAnswer _configured;
    private readonly CachedAnswer _forwardsClientAddress;

    /// <param name="symbols">The compilation's registry.</param>
    /// <param name="candidates">
    /// The files where a finding can be: every file the scan looks for is one (each name it searches for is a witness,
    /// <c>UseClientIp</c> and <c>UseForwardedHeaders</c> by name and <c>ForwardedHeadersOptions</c> through
    /// <c>forwarded</c>), so the others are not searched again.
    /// </param>
    public ForwardedHeadersConfiguration(WellKnownSymbols symbols, CandidateTrees candidates)
    {
        _symbols = symbols;
        _candidates = candidates;
        _configured = new CachedAnswer(ct => Scan(ct, stopAtClientIp: true) is var (clientIp, useForwardedHeaders, forwardedFor) &&
                                             (clientIp || (useForwardedHeaders && forwardedFor)));
        _forwardsClientAddress = new CachedAnswer(ct => Scan(ct, stopAtClientIp: false).ForwardedFor);
    }

    /// <summary>RemoteIpAddress already holds the client: UseClientIp, or UseForwardedHeaders with XForwardedFor.</summary>
    public bool IsConfigured(CancellationToken ct) => _configured.Get(ct);

    /// <summary>
    /// ASP.NET Core's middleware is set up to rewrite the client address: <c>ForwardedHeaders.XForwardedFor</c> (or
    /// <c>All</c>) in a file that calls <c>UseForwardedHeaders</c> or names <c>ForwardedHeadersOptions</c> (the
    /// middleware may also be added by <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>). With UseClientIp too, the second
    /// middleware sees what the first rewrote (CIP0005).
    /// </summary>
    public bool ForwardsClientAddress(CancellationToken ct) => _forwardsClientAddress.Get(ct);

    private (bool ClientIp, bool UseForwardedHeaders, bool ForwardedFor) Scan(CancellationToken ct, bool stopAtClientIp)
    {
        bool clientIp = false, useForwardedHeaders = false, forwardedFor = false;
        var names = new SourceNames(_symbols.Compilation);
        foreach (var tree in _symbols.Compilation.SyntaxTrees)
        {
            var mentions = _candidates.Contains(tree) ? Needles.Find(tree.GetText(ct), ct) : 0;
            if (mentions == 0)
            {
                continue;
            }

            var file = ScanFile(tree, mentions, names, ct);
            clientIp |= file.ClientIp;
            useForwardedHeaders |= file.UseForwardedHeaders;
            forwardedFor |= file.ForwardedFor && (file.UseForwardedHeaders || file.Options);
            if ((clientIp && stopAtClientIp) || (useForwardedHeaders && forwardedFor))
            {
                break;
            }
        }

        return (clientIp, useForwardedHeaders, forwardedFor);
    }

    private (bool ClientIp, bool UseForwardedHeaders, bool ForwardedFor, bool Options) ScanFile(
        SyntaxTree tree, int mentions, SourceNames names, CancellationToken ct)
    {
        // Only a handful of files get here (those whose text names the calls or the options type). The driver's
        // compilation caches semantic models, so what is bound here is not bound twice.
        SemanticModel? model = null;
#pragma warning disable RS1030 // The scan must look at other trees than the one being analyzed.
        SemanticModel Model() => model ??= _symbols.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        bool clientIp = false, useForwardedHeaders = false, forwardedFor = false, options = false;
        var wantsFlag = (mentions & (MentionsUseForwardedHeaders | MentionsOptions)) != 0;
        foreach (var node in tree.GetRoot(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            switch (node)
            {
                case InvocationExpressionSyntax invocation
                    when InvokedName(invocation) is (WellKnownSymbols.UseClientIpName or WellKnownSymbols.UseForwardedHeadersName) and var invoked:
                    if (invoked == WellKnownSymbols.UseForwardedHeadersName && !names.Declares(invoked, ct))
                    {
                        useForwardedHeaders = true;
                    }
                    else if (Model().GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol method)
                    {
                        clientIp |= WellKnownSymbols.IsUseClientIp(method);
                        useForwardedHeaders |= _symbols.IsUseForwardedHeaders(method);
                    }

                    break;
                // Not a call's target (items.All(...) is LINQ, never the enum member): nothing bound for those.
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "XForwardedFor" or "All" } access
                    when wantsFlag && !forwardedFor && !(access.Parent is InvocationExpressionSyntax call && call.Expression == access):
                    forwardedFor = (access.Expression is IdentifierNameSyntax { Identifier.ValueText: ForwardedHeadersName } && !names.Declares(ForwardedHeadersName, ct)) ||
                        (Model().GetSymbolInfo(access, ct).Symbol is IFieldSymbol field &&
                         _symbols.Is(field.ContainingType, WellKnownType.Microsoft_AspNetCore_HttpOverrides_ForwardedHeaders));
                    break;
                case IdentifierNameSyntax { Identifier.ValueText: OptionsName } name when (mentions & MentionsOptions) != 0 && !options:
                    options = (!IsQualified(name) && !names.Declares(OptionsName, ct)) ||
                        (Model().GetSymbolInfo(name, ct).Symbol is ITypeSymbol type && _symbols.Is(type, WellKnownType.Microsoft_AspNetCore_Builder_ForwardedHeadersOptions));
                    break;
            }
        }

        return (clientIp, useForwardedHeaders, forwardedFor, options);
    }

    /// <summary><c>Namespace.Name</c> or <c>x.Name</c>: the name alone does not say what it is.</summary>
    private static bool IsQualified(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name == name,
        QualifiedNameSyntax qualified => qualified.Right == name,
        _ => false,
    };

    private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// Whether the source declares a type or member of a name, asked once per name and scan. A name the source does not
    /// declare, spelled where ASP.NET Core's would be, is taken to be ASP.NET Core's: in code that compiles it comes from
    /// a reference. Binding the call or member access instead binds the whole body around it, often the top-level
    /// statements: that was nearly all of this scan's cost, paid again in the IDE in every compilation of an edit
    /// elsewhere. Not told apart: a referenced library's own method or type of the same name (a wrapper named
    /// <c>UseForwardedHeaders</c> is taken to configure forwarding) and a local or parameter named like one (the
    /// declaration table has members and types only). <c>UseClientIp</c>, matched by namespace, is always bound.
    /// </summary>
    private sealed class SourceNames
    {
        private readonly Compilation _compilation;
        private readonly HashSet<string> _asked = new(StringComparer.Ordinal), _declared = new(StringComparer.Ordinal);

        public SourceNames(Compilation compilation) => _compilation = compilation;

        public bool Declares(string name, CancellationToken ct)
        {
            if (_asked.Add(name) && _compilation.ContainsSymbolsWithName(name, SymbolFilter.TypeAndMember, ct))
            {
                _declared.Add(name);
            }

            return _declared.Contains(name);
        }
    }
}
