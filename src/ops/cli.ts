/**
 * The operations command, bundled to dist/server/ops.js (config/scripts/ops.mjs):
 *
 *   npm run backup                       DATA_DIR → BACKUP_DIR (keeps BACKUP_KEEP, default 14)
 *   npm run restore -- <backup> [--data-dir <dir>]   into an empty DATA_DIR
 *   npm run deploy [-- --dry-run]        weapp + cloud functions + database + trigger (deploy.ts)
 *
 * Exit code 0 on success, 1 on a failure (the message names what to do, in Chinese and English).
 */
import path from 'node:path';
import { backupKeep, dailyBackup, OpsError, restoreBackup, takeBackup } from './backup';
import { runDeployCommand } from './deploy';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new OpsError('BAD_INPUT', `${name} 后面要写一个目录 / ${name} needs a value`);
  args.splice(i, 2);
  return v;
}

export async function runCli(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  const args = [...rest];
  const root = process.cwd();
  try {
    switch (command) {
      case 'backup': {
        const to = option(args, '--to') ?? env.BACKUP_DIR;
        if (!to) throw new OpsError('BAD_INPUT', '请设置 BACKUP_DIR（备份放在哪个目录）/ set BACKUP_DIR (or pass --to <dir>)');
        const dataDir = path.resolve(root, option(args, '--data-dir') ?? env.DATA_DIR ?? 'data');
        const t = Date.now();
        const r = await takeBackup({ dataDir, backupDir: path.resolve(root, to), keep: backupKeep(env) });
        const bytes = r.manifest.files.reduce((s, f) => s + f.size, 0);
        out(`备份完成 / backup done: ${r.dir}`);
        out(`  ${r.manifest.files.length} 个文件，${(bytes / 1024 / 1024).toFixed(1)} MB，完整性检查 ok，用时 ${Date.now() - t} ms`);
        if (r.pruned.length) out(`  删除了较早的备份 / pruned: ${r.pruned.join(', ')}`);
        out(r.dir);
        return 0;
      }
      case 'daily': {
        // the local server's scheduler runs this in a child process, so copying never stalls the API
        if (!env.BACKUP_DIR) throw new OpsError('BAD_INPUT', '请设置 BACKUP_DIR / set BACKUP_DIR');
        const r = await dailyBackup({
          dataDir: path.resolve(root, env.DATA_DIR ?? 'data'), backupDir: path.resolve(root, env.BACKUP_DIR), now: new Date(), keep: backupKeep(env),
        });
        out(r ? `每日备份完成 / daily backup: ${r.dir}` : '今天已经备份过 / already backed up today');
        return 0;
      }
      case 'restore': {
        const dataDir = path.resolve(root, option(args, '--data-dir') ?? env.DATA_DIR ?? 'data');
        const backup = args[0];
        if (!backup) throw new OpsError('BAD_INPUT', '用法 / usage: npm run restore -- <备份目录 backup folder> [--data-dir <空目录 empty folder>]');
        const m = await restoreBackup({ backup: path.resolve(root, backup), dataDir });
        out(`恢复完成 / restored ${m.createdAt} → ${dataDir}`);
        out(`  ${m.files.length} 个文件校验一致，完整性检查 ok。现在可以用 DATA_DIR=${dataDir} 启动服务器。`);
        return 0;
      }
      case 'deploy':
        return await runDeployCommand(args, env, out);
      default:
        out('用法 / usage: ops.js backup | restore <backup> | deploy [--dry-run]');
        return 1;
    }
  } catch (e) {
    if (e instanceof OpsError) {
      out(`失败 / failed [${e.code}]: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.env, (line) => process.stdout.write(line + '\n'))
    .then((code) => process.exit(code))
    .catch((e) => {
      console.error('失败 / failed:', e);
      process.exit(1);
    });
}
