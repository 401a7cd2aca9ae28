import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { MinutesRenderer } from './minutes-renderer';
import type { MinutesRenderJob, RenderedMinutesCopy } from './render-minutes-copy';

/** The instance's pool of threads that render copies of minutes, closed with the application. */
@Injectable()
export class MinutesRendering implements OnModuleDestroy {
  private readonly renderer = new MinutesRenderer();

  render(job: MinutesRenderJob): Promise<RenderedMinutesCopy> {
    return this.renderer.render(job);
  }

  async onModuleDestroy(): Promise<void> {
    await this.renderer.close();
  }
}
