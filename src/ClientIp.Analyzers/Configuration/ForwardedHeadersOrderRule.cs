using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// CIP0005: <c>UseForwardedHeaders</c> / <c>UseClientIp</c> registered after middleware that reads what it rewrites,
/// on the same application builder, in straight-line order within one block; and UseClientIp combined with ASP.NET
/// Core's forwarded-headers middleware set up for the client address.
/// </summary>
/// <remarks>
/// <para>What the late middleware changes decides what counts: UseForwardedHeaders rewrites the address and the scheme,
/// UseClientIp only the address. Dependents: UseAuthentication, UseHttpsRedirection, UseHsts (scheme); UseAuthorization,
/// UseRateLimiter (address); UseHttpLogging, UseW3CLogging, UseEndpoints (both); and middleware of the app that reads
/// the peer's address for a decision (<c>app.Use(...)</c>, <c>app.UseWhen(...)</c>/<c>MapWhen</c> predicates,
/// <c>app.UseMiddleware&lt;T&gt;()</c> with T's Invoke/InvokeAsync, and one level of the app's own <c>UseXxx()</c>
/// extension wrapping those): such a read sees the proxy, and CIP0001 stays quiet on it because forwarding is configured.
/// Not dependents: <c>Map*</c> on a WebApplication (endpoints run last wherever mapped), <c>UseRouting</c> (matches only),
/// <c>UseCors</c> (compares the Origin header, reads neither address nor scheme).</para>
/// <para>Order shape: location = the forwarding call (in a chain, from its name); properties <see cref="DependentProperty"/>
/// (the dependent's name as the message shows it, e.g. <c>UseAuthentication</c>, <c>Use</c>, <c>UseMiddleware&lt;IpAllowList&gt;</c>)
/// and, when the statement can move safely, <see cref="InsertBeforeProperty"/>.</para>
/// <para>Two-middlewares shape (second descriptor, same id): location = the <c>UseClientIp</c> call; property
/// <see cref="ConflictsWithProperty"/> = <c>UseForwardedHeaders</c>; no InsertBefore (nothing to move).</para>
/// <para>Not followed: other blocks than enclosing ones, other methods than one level of extension, builders passed around.</para>
/// <para>Run by <see cref="ClientIpAnalyzer"/>, which hands it the operations its name tables list.</para>
/// </remarks>
public static class ForwardedHeadersOrderRule
{
    /// <summary>
    /// Property with the start of the statement the forwarding call should move before; absent when the move could
    /// break the code (a chained call, or an argument declared in between).
    /// </summary>
    public const string InsertBeforeProperty = "InsertBefore";

    /// <summary>Property with the name of the first middleware that needs forwarding done before it.</summary>
    public const string DependentProperty = "Dependent";

    /// <summary>Two-middlewares shape: the other forwarded-header middleware (<c>UseForwardedHeaders</c>).</summary>
    public const string ConflictsWithProperty = "ConflictsWith";

    /// <summary>What a middleware reads that forwarding rewrites.</summary>
    [Flags]
    internal enum Needs
    {
        None = 0,
        Address = 1,
        Scheme = 2,
    }

    /// <summary>Framework middleware whose behaviour depends on the client address or the request scheme.</summary>
    /// <remarks>
    /// Small classes here and in <see cref="DependentCall"/>, not tuples: a tuple over our enum has its constructor
    /// JIT-compiled in every fresh compiler (bench/analyzer-cost/README.md, lever 16).
    /// </remarks>
    private static readonly Middleware[] DependentMiddleware =
    {
        new("Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions", "UseAuthentication", Needs.Scheme),
        new("Microsoft.AspNetCore.Builder.AuthorizationAppBuilderExtensions", "UseAuthorization", Needs.Address),
        new("Microsoft.AspNetCore.Builder.RateLimiterApplicationBuilderExtensions", "UseRateLimiter", Needs.Address),
        new("Microsoft.AspNetCore.Builder.HttpLoggingBuilderExtensions", "UseHttpLogging", Needs.Address | Needs.Scheme),
        new("Microsoft.AspNetCore.Builder.HttpLoggingBuilderExtensions", "UseW3CLogging", Needs.Address | Needs.Scheme),
        new("Microsoft.AspNetCore.Builder.HttpsPolicyBuilderExtensions", "UseHttpsRedirection", Needs.Scheme),
        new("Microsoft.AspNetCore.Builder.HstsBuilderExtensions", "UseHsts", Needs.Scheme),
        new("Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions", "UseEndpoints", Needs.Address | Needs.Scheme),
    };

    /// <summary>The only calls <see cref="Analyze"/> looks at, by name (the analyzer hands it no other).</summary>
    internal static readonly string[] InvocationNames = { WellKnownSymbols.UseForwardedHeadersName, WellKnownSymbols.UseClientIpName };

    /// <summary>Whether the rule has anything to look for: an application builder to register middleware on.</summary>
    internal static bool Applies(WellKnownSymbols symbols) => symbols.Get(WellKnownType.Microsoft_AspNetCore_Builder_IApplicationBuilder) is not null;

    internal static void Analyze(in OperationAnalysisContext context, WellKnownSymbols symbols, ForwardedHeadersConfiguration configuration)
    {
        var forwarding = (IInvocationOperation)context.Operation;
        if (!symbols.IsForwarding(forwarding.TargetMethod) || !Applies(symbols) ||
            OperationWalk.Receiver(forwarding) is not { } receiver || BuilderKey(receiver) is not { } key)
        {
            return;
        }

        var ct = context.CancellationToken;
        var clientIp = WellKnownSymbols.IsUseClientIp(forwarding.TargetMethod);
        if (clientIp && configuration.ForwardsClientAddress(ct))
        {
            // ASP.NET Core's middleware rewrites RemoteIpAddress (and pops X-Forwarded-For) for UseClientIp to verify again.
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Variants.CIP0005TwoMiddlewares, LocationOf(forwarding),
                ImmutableDictionary<string, string?>.Empty.Add(ConflictsWithProperty, WellKnownSymbols.UseForwardedHeadersName),
                forwarding.TargetMethod.Name));
            return;
        }

        var changes = clientIp ? Needs.Address : Needs.Address | Needs.Scheme;
        var statement = StatementOf(forwarding);
        DependentCall? dependent = null;
        IOperation? dependentStatement = null;
        for (var (child, block) = (statement, statement?.Parent as IBlockOperation); block is not null && dependent is null;
             (child, block) = (block, EnclosingBlock(block)))
        {
            // This block's earlier statements, then those of the blocks around it (`if (...) { app.UseForwardedHeaders(); }`).
            foreach (var earlier in block.Operations)
            {
                ct.ThrowIfCancellationRequested();
                if (earlier == child || OperationWalk.IsWithin(child!, earlier))
                {
                    break;
                }

                dependent = FirstDependent(Calls(earlier), key, changes, symbols, ct);
                if (dependent is not null)
                {
                    dependentStatement = block == statement?.Parent ? earlier : null;
                    break;
                }
            }
        }

        // `app.UseAuthentication().UseForwardedHeaders()`: the dependent is earlier in the same chain.
        dependent ??= FirstDependent(Chain(receiver), key, changes, symbols, ct);
        if (dependent is null)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DependentProperty, dependent.Name);
        if (dependentStatement is not null && statement is IExpressionStatementOperation { Operation: var whole } && whole == forwarding
            && !UsesLocalsDeclaredBetween(forwarding, (IBlockOperation)statement.Parent!, dependentStatement, statement))
        {
            properties = properties.Add(InsertBeforeProperty, dependentStatement.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CIP0005, LocationOf(forwarding), properties, forwarding.TargetMethod.Name, dependent.Name, Describe(changes & dependent.Needs)));
    }

    private static string Describe(Needs needs) => needs switch
    {
        Needs.Address => "address",
        Needs.Scheme => "scheme",
        _ => "address and scheme",
    };

    private static IBlockOperation? EnclosingBlock(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IBlockOperation block)
            {
                return block;
            }

            if (OperationWalk.IsFunctionBoundary(current))
            {
                return null;
            }
        }

        return null;
    }

    // In a chain the inner (earlier) call ends first.
    private static DependentCall? FirstDependent(
        IEnumerable<IInvocationOperation> calls, ISymbol key, Needs changes, WellKnownSymbols symbols, CancellationToken ct)
    {
        DependentCall? first = null;
        foreach (var call in calls)
        {
            if ((first is null || call.Syntax.Span.End < first.Call.Syntax.Span.End) &&
                OperationWalk.Receiver(call) is { } receiver && SymbolEqualityComparer.Default.Equals(BuilderKey(receiver), key) &&
                Dependent(call, symbols, ct) is { } dependent && (dependent.Needs & changes) != 0)
            {
                first = dependent;
            }
        }

        return first;
    }

    private static DependentCall? Dependent(IInvocationOperation call, WellKnownSymbols symbols, CancellationToken ct)
    {
        var method = call.TargetMethod;
        var needs = FrameworkNeeds(method);
        if (needs != Needs.None)
        {
            return new DependentCall(call, method.Name, needs);
        }

        return PeerReadingMiddleware.Registers(call, symbols, ct) is { } name ? new DependentCall(call, name, Needs.Address) : null;
    }

    // Invocations in a statement, without descending into lambdas or local functions (they run later, if ever).
    private static IEnumerable<IInvocationOperation> Calls(IOperation statement)
    {
        var pending = new Stack<IOperation>();
        pending.Push(statement);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (current is IInvocationOperation invocation)
            {
                yield return invocation;
            }

            foreach (var child in current.ChildOperations)
            {
                pending.Push(child);
            }
        }
    }

    // The calls a receiver is made of: `app.UseRouting().UseCors()` → UseCors(), UseRouting().
    private static IEnumerable<IInvocationOperation> Chain(IOperation receiver)
    {
        var current = OperationWalk.SkipConversions(receiver) as IInvocationOperation;
        while (current is not null)
        {
            yield return current;
            current = OperationWalk.Receiver(current) is { } next ? OperationWalk.SkipConversions(next) as IInvocationOperation : null;
        }
    }

    // The builder a call is made on: `app` in `app.UseRouting().UseAuthentication()`.
    private static ISymbol? BuilderKey(IOperation receiver)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            switch (OperationWalk.SkipConversions(receiver))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property:
                    return property.Property;
                case IInvocationOperation call when !call.TargetMethod.ReturnsVoid && OperationWalk.Receiver(call) is { } inner:
                    receiver = inner;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static IOperation? StatementOf(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is IBlockOperation)
            {
                return current;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }
        }

        return null;
    }

    // Moving `app.UseForwardedHeaders(options)` above `var options = ...` would not compile. Loops, not LINQ's OfType: a
    // generic method instantiated over the compiler's types has its dictionary built at run time in a fresh compiler.
    private static bool UsesLocalsDeclaredBetween(IInvocationOperation forwarding, IBlockOperation block, IOperation from, IOperation to)
    {
        var declared = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var inRange = false;
        foreach (var statement in block.Operations)
        {
            if (statement == from)
            {
                inRange = true;
            }

            if (statement == to)
            {
                break;
            }

            if (inRange)
            {
                foreach (var operation in statement.DescendantsAndSelf())
                {
                    if (operation is IVariableDeclaratorOperation declarator)
                    {
                        declared.Add(declarator.Symbol);
                    }
                }
            }
        }

        if (declared.Count > 0)
        {
            foreach (var operation in forwarding.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && declared.Contains(reference.Local))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Location LocationOf(IInvocationOperation invocation)
    {
        // In a chain, point at `UseForwardedHeaders(...)`, not at the whole chain before it.
        if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax } access } syntax)
        {
            return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }

    /// <summary>
    /// Matched on the method and its class's full name rather than on symbols: this is only asked about the calls before
    /// a forwarding call, and looking up eight types in every compilation would cost more than all of these comparisons.
    /// </summary>
    private static Needs FrameworkNeeds(IMethodSymbol method)
    {
        var type = (method.ReducedFrom ?? method).ContainingType;
        foreach (var middleware in DependentMiddleware)
        {
            if (method.Name == middleware.Method && type.ContainingType is null && Members.HasFullName(type, middleware.Type))
            {
                return middleware.Needs;
            }
        }

        return Needs.None;
    }

    /// <summary>A framework middleware: its extension class, its method, and what it reads.</summary>
    private sealed class Middleware
    {
        public Middleware(string type, string method, Needs needs)
        {
            Type = type;
            Method = method;
            Needs = needs;
        }

        public string Type { get; }
        public string Method { get; }
        public Needs Needs { get; }
    }

    /// <summary>A registration that needs forwarding done before it: the call, its name as the message shows it, and what it reads.</summary>
    private sealed class DependentCall
    {
        public DependentCall(IInvocationOperation call, string name, Needs needs)
        {
            Call = call;
            Name = name;
            Needs = needs;
        }

        public IInvocationOperation Call { get; }
        public string Name { get; }
        public Needs Needs { get; }
    }
}
