import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  maracReturnQuery,
  ppdaAuditQuery,
  type MaracReturnQuery,
  type MaracReturnView,
  type PpdaAuditQuery,
  type PpdaAuditView,
} from '@caseroom/contracts';
import { DomainError, type Actor } from '@caseroom/domain';
import { FrameGate } from '@caseroom/realtime';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { ValidQuery } from '../../edge/validation';
import { ReadMaracReturn } from './read-marac-return.use-case';
import { ReadPpdaAudit } from './read-ppda-audit.use-case';
import { auditCsv, auditPdf, returnCsv, type ReportFile } from './report-files';

/** How often a file whose decision went stale while it was made is made again before the client is asked to retry. */
const fileAttempts = 3;

/** The figures a force and a MARAC must report: on the screen as JSON, or as a file to download (`format`). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly audit: ReadPpdaAudit,
    private readonly maracReturn: ReadMaracReturn,
    private readonly gate: FrameGate,
  ) {}

  @Get('ppda-audit')
  @RequirePermission('report.ppda-audit')
  ppdaAudit(
    @CurrentActor() actor: Actor,
    @ValidQuery(ppdaAuditQuery) query: PpdaAuditQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PpdaAuditView | StreamableFile> {
    const { format } = query;
    if (format === 'json') return this.audit.execute(actor, query);
    return this.file(actor, response, async () => {
      const view = await this.audit.execute(actor, query, 'export');
      return format === 'pdf' ? auditPdf(view) : auditCsv(view);
    });
  }

  @Get('marac-return')
  @RequirePermission('report.marac-return')
  return(
    @CurrentActor() actor: Actor,
    @ValidQuery(maracReturnQuery) query: MaracReturnQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MaracReturnView | StreamableFile> {
    if (query.format === 'json') return this.maracReturn.execute(actor, query);
    return this.file(actor, response, async () => returnCsv(await this.maracReturn.execute(actor, query, 'export')));
  }

  /** A file is sent only if what the person may see has not changed while it was made. */
  private async file(actor: Actor, response: Response, make: () => Promise<ReportFile>): Promise<StreamableFile> {
    for (let attempt = 1; attempt <= fileAttempts; attempt += 1) {
      const epoch = this.gate.personEpoch(actor.userId);
      const file = await make();
      if (this.gate.personEpoch(actor.userId) !== epoch) continue;
      response.setHeader('Cache-Control', 'no-store');
      return new StreamableFile(file.bytes, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
    }
    throw new DomainError('SERVICE_UNAVAILABLE', 'What you may see changed while this was being made: ask again.');
  }
}
