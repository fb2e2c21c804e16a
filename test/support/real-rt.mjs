// A real Request Tracker 5 for the tests (test/backends/contract/rt-real.contract.test.ts),
// from Debian's packages (request-tracker5, rt5-db-sqlite, rt5-standalone; `.ci/run`
// installs them). Used from web-test-runner.config.mjs as a plugin and a middleware:
//
// - the first request to /real-rt-status (or to the proxy) makes a fresh RT in a temporary
//   directory: its own site configuration (RT_SITE_CONFIG_DIR, nothing under /etc is read
//   or written), a new SQLite database from RT's own schema and initial data, then this
//   file's data (a queue, a requester, an agent, the submission-id custom field, rights),
//   and `rt-server` on a free port of 127.0.0.1. Lazily, so that runs of other test files
//   (`wtr --files …`, the benchmark) do not pay for it; about 6 s on this machine;
// - /real-rt/… is proxied to it: RT sends no CORS headers, so the browser must reach it
//   same-origin, as an intranet's reverse proxy would do it;
// - serverStop stops it by its process id (its process group: Starlet's workers too) and
//   removes the directory, so nothing is left between runs.
//
// Without RT installed, /real-rt-status says so and the tests skip with a notice, unless
// REQUIRE_REAL_RT=1 (CI), where they fail.
import { spawn } from 'node:child_process';
import { constants, openSync, closeSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

// Debian's paths; another install (or a test of the "not installed" path) may name its own.
const RT_SERVER = process.env.REAL_RT_SERVER || '/usr/share/request-tracker5/libexec/rt-server';
const RT_SETUP = process.env.REAL_RT_SETUP || '/usr/sbin/rt-setup-database-5';

/** What the tests are given (test-only accounts of a throwaway RT). */
export const REAL_RT = {
  queue: 'Widget',
  /** A second queue whose requesters may not change status (no ModifyTicket). */
  restrictedQueue: 'Widget restricted',
  submissionField: 'Widget submission',
  siteField: 'Site',
  /** RT's own article class (etc/initialdata), which everyone may read; its articles' body is the "Content" custom field. */
  articleClass: 'General',
  /** A class only staff may read: its articles stay hidden from requesters. */
  hiddenClass: 'Widget internal',
  requester: { login: 'camille', password: 'camille-rt-password', email: 'camille@example.com', name: 'Camille Client' },
  other: { login: 'dominique', password: 'dominique-rt-password', email: 'dominique@example.com', name: 'Dominique Autre' },
  agent: { login: 'alex', password: 'alex-rt-password', email: 'alex@example.com', name: 'Alex Agent' },
};

const perlString = (value) => `'${String(value).replace(/[\\']/g, '\\$&')}'`;

/**
 * RT's initial-data file (docs: initialdata.pod): what a requester gets is what an intranet's
 * RT admin would grant, and nothing more — CreateTicket and SeeQueue to unprivileged users,
 * ShowTicket and ReplyToTicket through the Requestor role (their own tickets only), plus
 * ModifyTicket through that role on the main queue, which RT's lifecycle asks for any status
 * change (closing from the widget); the restricted queue lacks it. The agent is privileged
 * with the usual staff rights on both queues. The custom fields may be set at creation and
 * seen by everyone (SetInitialCustomField, SeeCustomField).
 *
 * Articles: everyone may read those of RT's "General" class (ShowArticle on that class) and
 * their body, the "Content" custom field (SeeCustomField on that field); the agent writes
 * them (CreateArticle, ModifyArticle; SetInitialCustomField, ModifyCustomField on Content).
 * RT 5.0.3's initialdata @ACL has no `Class` key: Handle.pm (InsertData, lines 1506-1541)
 * would read an unknown key as no object at all and grant the right globally, so a class is
 * named with ObjectType and ObjectId (RT::Class->Load takes its name), and the field with
 * `CF` (and its LookupType, which tells the article field from a ticket one). A second
 * class, readable by staff only, holds articles a requester must never see.
 */
function initialData(tokenFile) {
  const { queue, restrictedQueue, submissionField, siteField, requester, other, agent } = REAL_RT;
  const user = ({ login, password, email, name }, privileged) =>
    `{ Name => ${perlString(login)}, Password => ${perlString(password)}, EmailAddress => ${perlString(email)}, RealName => ${perlString(name)}, Privileged => ${privileged} }`;
  const { articleClass, hiddenClass } = REAL_RT;
  const queues = [queue, restrictedQueue];
  const onClass = (name) => `ObjectType => 'RT::Class', ObjectId => ${perlString(name)}`;
  const contentField = `CF => 'Content', LookupType => 'RT::Class-RT::Article'`;
  const perQueue = (make) => queues.map(make).join(',\n  ');
  return `our @Queues = (
  { Name => ${perlString(queue)}, Description => 'Support widget tests' },
  { Name => ${perlString(restrictedQueue)}, Description => 'Requesters may not change status' },
);
our @Classes = (
  { Name => ${perlString(hiddenClass)}, Description => 'Staff only' },
);
our @Users = (
  ${user(requester, 0)},
  ${user(other, 0)},
  ${user(agent, 1)},
);
our @CustomFields = (
  { Name => ${perlString(submissionField)}, Type => 'FreeformSingle', LookupType => 'RT::Queue-RT::Ticket', Queue => [${queues.map(perlString).join(', ')}], Description => 'Submission id of the support widget' },
  { Name => ${perlString(siteField)}, Type => 'FreeformSingle', LookupType => 'RT::Queue-RT::Ticket', Queue => [${perlString(queue)}], Description => 'Site of the requester' },
);
our @ACL = (
  ${perQueue((name) => `{ GroupDomain => 'SystemInternal', GroupType => 'Unprivileged', Queue => ${perlString(name)}, Right => ['CreateTicket', 'SeeQueue'] }`)},
  { GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor', Queue => ${perlString(queue)}, Right => ['ShowTicket', 'ReplyToTicket', 'ModifyTicket'] },
  { GroupDomain => 'RT::Queue-Role', GroupType => 'Requestor', Queue => ${perlString(restrictedQueue)}, Right => ['ShowTicket', 'ReplyToTicket'] },
  ${perQueue((name) => `{ UserId => ${perlString(agent.login)}, Queue => ${perlString(name)}, Right => ['SeeQueue', 'ShowTicket', 'CreateTicket', 'ReplyToTicket', 'CommentOnTicket', 'ShowTicketComments', 'ModifyTicket', 'OwnTicket', 'TakeTicket', 'Watch'] }`)},
  { CF => ${perlString(submissionField)}, GroupDomain => 'SystemInternal', GroupType => 'Everyone', Right => ['SeeCustomField', 'SetInitialCustomField'] },
  { CF => ${perlString(siteField)}, GroupDomain => 'SystemInternal', GroupType => 'Everyone', Right => ['SeeCustomField', 'SetInitialCustomField'] },
  { GroupDomain => 'SystemInternal', GroupType => 'Everyone', ${onClass(articleClass)}, Right => ['ShowArticle'] },
  { GroupDomain => 'SystemInternal', GroupType => 'Everyone', ${contentField}, Right => ['SeeCustomField'] },
  { UserId => ${perlString(agent.login)}, ${onClass(articleClass)}, Right => ['CreateArticle', 'ModifyArticle'] },
  { UserId => ${perlString(agent.login)}, ${onClass(hiddenClass)}, Right => ['ShowArticle', 'CreateArticle', 'ModifyArticle'] },
  { UserId => ${perlString(agent.login)}, ${contentField}, Right => ['SetInitialCustomField', 'ModifyCustomField'] },
);
# The requester's auth token ("1-<user id>-<secret>"), as "Settings > Auth Tokens" would make it.
our @Final = (sub {
  my $user = RT::User->new(RT->SystemUser);
  $user->Load(${perlString(requester.login)});
  my ($ok, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(Owner => $user->id, Description => 'support-widgets tests');
  die "auth token: $msg" unless $ok;
  open my $fh, '>', ${perlString(tokenFile)} or die "$!";
  print $fh $auth;
  close $fh;
});
1;
`;
}

function siteConfig(dir, port) {
  return `Set($DatabaseType, 'SQLite');
Set($DatabaseName, ${perlString(path.join(dir, 'rt.sqlite'))});
Set($rtname, 'widget-tests');
Set($Organization, 'widget-tests');
Set($WebPath, '');
Set($WebDomain, '127.0.0.1');
Set($WebPort, ${port});
Set($WebBaseURL, 'http://127.0.0.1:${port}');
Set($Timezone, 'UTC');
Set($LogToSTDERR, 'warning');
Set($LogToSyslog, undef);
Set($LogToFile, undef);
# Notifications (autoreplies…) go to a temporary file instead of a mail server.
Set($MailCommand, 'testfile');
1;
`;
}

async function installed() {
  try {
    await Promise.all([access(RT_SERVER, constants.X_OK), access(RT_SETUP, constants.X_OK)]);
    return true;
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to its end; its output goes to `log`. */
function run(command, args, env, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', log, log] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}`))));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ prefix?: string, statusPath?: string }} [options]
 */
export function realRt({ prefix = '/real-rt', statusPath = '/real-rt-status' } = {}) {
  const required = process.env.REQUIRE_REAL_RT === '1';
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let server;
  let dir;
  let logFile;
  /** @type {Promise<{ port: number, token: string, seconds: number }> | undefined} */
  let booting;
  let logger = console;
  let noticed = false;

  async function boot() {
    const began = Date.now();
    if (!(await installed())) {
      throw Object.assign(new Error(`Request Tracker 5 is not installed (${RT_SERVER}): apt-get install request-tracker5 rt5-db-sqlite rt5-standalone`), { missing: true });
    }
    dir = await mkdtemp(path.join(os.tmpdir(), 'real-rt-'));
    const port = await freePort();
    const site = path.join(dir, 'RT_SiteConfig.d');
    await mkdir(site);
    await writeFile(path.join(site, '10-tests.pm'), siteConfig(dir, port));
    // Read instead of /etc/request-tracker5's: the packaged site files are not loaded at all.
    await writeFile(path.join(dir, 'RT_SiteConfig.pm'), '1;\n');
    const tokenFile = path.join(dir, 'token');
    await writeFile(path.join(dir, 'initialdata'), initialData(tokenFile));
    const env = { ...process.env, RT_SITE_CONFIG: path.join(dir, 'RT_SiteConfig.pm'), RT_SITE_CONFIG_DIR: site };
    logFile = path.join(dir, 'rt.log');
    const log = openSync(logFile, 'a');
    try {
      // A new database from RT's schema and core data, then ours: nothing of another run.
      await run(RT_SETUP, ['--action', 'init', '--skip-create'], env, log);
      await run(RT_SETUP, ['--action', 'insert', '--datafile', path.join(dir, 'initialdata')], env, log);
      // Two workers are plenty for one test page, and spare the machine's two cores.
      server = spawn(RT_SERVER, ['--port', String(port), '--host', '127.0.0.1', '--max-workers', '2'], { env, stdio: ['ignore', log, log], detached: true });
    } finally {
      closeSync(log);
    }
    const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(`rt-server exited (${signal ?? code})`)));
    for (const until = Date.now() + 60_000; ; ) {
      const answer = await Promise.race([
        fetch(`http://127.0.0.1:${port}/REST/2.0/rt`).then(
          (response) => response.status,
          () => undefined,
        ),
        exited,
      ]);
      if (typeof answer === 'string') throw new Error(`${answer}: ${await tail()}`);
      // 401 without credentials: RT and its REST2 API are up.
      if (answer) break;
      if (Date.now() > until) throw new Error(`rt-server did not answer within 60 s: ${await tail()}`);
      await sleep(250);
    }
    const seconds = (Date.now() - began) / 1000;
    logger.log(`Real RT 5 started in ${seconds.toFixed(1)} s: process ${server.pid}, port ${port}, proxied at ${prefix}/`);
    return { port, token: (await readFile(tokenFile, 'utf8')).trim(), seconds };
  }

  async function tail(lines = 15) {
    try {
      return (await readFile(logFile, 'utf8')).split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  function started() {
    booting ??= boot();
    return booting;
  }

  /** Stops RT by its process id: its whole process group (Starlet's master and workers). */
  function stopNow(signal = 'SIGTERM') {
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-server.pid, signal);
      } catch {
        // Already gone.
      }
    }
  }
  // Should the runner die without serverStop (Ctrl-C, a crash), RT does not outlive it.
  const onExit = () => stopNow('SIGKILL');
  process.once('exit', onExit);

  async function status() {
    try {
      const { seconds } = await started();
      return {
        available: true,
        url: `${prefix}/REST/2.0`,
        startSeconds: seconds,
        ...REAL_RT,
        requester: { ...REAL_RT.requester, token: (await booting).token },
      };
    } catch (error) {
      // Also in the runner's own output, once: the browser's notice is easy to miss.
      if (!noticed) logger[required ? 'error' : 'log'](`Real RT 5 not available, its tests ${required ? 'fail' : 'are skipped'}: ${error.message}`);
      noticed = true;
      return { available: false, required, reason: error.message };
    }
  }

  /** Forwards a request of the page to RT as it came (method, headers, body), and RT's answer back as it is. */
  async function proxy(ctx) {
    const { port } = await started();
    const target = ctx.url.slice(prefix.length) || '/';
    await new Promise((resolve, reject) => {
      const upstream = http.request(
        { host: '127.0.0.1', port, method: ctx.method, path: target, headers: { ...ctx.req.headers, host: `127.0.0.1:${port}` } },
        (answer) => {
          ctx.respond = false;
          ctx.res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(ctx.res);
          answer.once('end', resolve);
          answer.once('error', reject);
        },
      );
      upstream.once('error', reject);
      ctx.req.pipe(upstream);
    });
  }

  return {
    name: 'real-rt',
    serverStart(args) {
      logger = args.logger ?? console;
      if (!required) return;
      // CI: start at once, so that RT missing or broken shows at the top of the log.
      started().catch((error) => logger.error(`Real RT 5 is required (REQUIRE_REAL_RT=1) and could not start: ${error.message}`));
    },
    async serverStop() {
      process.removeListener('exit', onExit);
      if (server && server.exitCode === null && server.signalCode === null) {
        const gone = new Promise((resolve) => server.once('exit', resolve));
        stopNow('SIGTERM');
        if ((await Promise.race([gone.then(() => true), sleep(10_000).then(() => false)])) === false) stopNow('SIGKILL');
        logger.log(`Real RT 5 stopped (process ${server.pid})`);
        // What RT logged as errors explains a 500 the tests met.
        const errors = (await tail(Infinity)).split('\n').filter((line) => /\[(error|critical|alert|emergency)\]/.test(line));
        if (errors.length) logger.log(`RT's errors during the run:\n${errors.slice(-20).join('\n')}`);
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    },
    /** The middleware to list in the config's `middleware`: the status endpoint and the proxy. */
    async middleware(ctx, next) {
      if (ctx.path === statusPath) {
        ctx.type = 'json';
        ctx.body = JSON.stringify(await status());
        return;
      }
      if (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`)) {
        try {
          await proxy(ctx);
        } catch (error) {
          if (ctx.respond === false) return;
          ctx.status = 502;
          ctx.type = 'text';
          ctx.body = `real RT: ${error.message}`;
        }
        return;
      }
      await next();
    },
  };
}
