import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createPostingBody,
  createUserBody,
  updatePostingBody,
  updateUserBody,
  type CreatedUserView,
  type CreatePostingBody,
  type CreateUserBody,
  type PostingView,
  type UpdatePostingBody,
  type UpdateUserBody,
  type UserView,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ManagePeople } from './manage-people.use-case';
import { ManagePostings } from './manage-postings.use-case';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class PeopleController {
  constructor(
    private readonly people: ManagePeople,
    private readonly postings: ManagePostings,
  ) {}

  @Get('users')
  @RequirePermission('user.manage')
  list(): Promise<UserView[]> {
    return this.people.list();
  }

  @Post('users')
  @RequirePermission('user.manage')
  create(@ValidBody(createUserBody) body: CreateUserBody): Promise<CreatedUserView> {
    return this.people.create(body);
  }

  @Get('users/:userId')
  @RequirePermission('user.manage')
  get(@IdParam('userId') userId: string): Promise<UserView> {
    return this.people.get(userId);
  }

  @Patch('users/:userId')
  @RequirePermission('user.manage')
  update(
    @CurrentActor() actor: Actor,
    @IdParam('userId') userId: string,
    @ValidBody(updateUserBody) body: UpdateUserBody,
  ): Promise<UserView> {
    return this.people.update(actor, userId, body);
  }

  @Post('users/:userId/postings')
  @RequirePermission('user.manage')
  addPosting(@IdParam('userId') userId: string, @ValidBody(createPostingBody) body: CreatePostingBody): Promise<PostingView> {
    return this.postings.add(userId, body);
  }

  @Patch('postings/:postingId')
  @RequirePermission('user.manage')
  updatePosting(@IdParam('postingId') postingId: string, @ValidBody(updatePostingBody) body: UpdatePostingBody): Promise<PostingView> {
    return this.postings.update(postingId, body);
  }

  @Delete('postings/:postingId')
  @HttpCode(204)
  @RequirePermission('user.manage')
  async removePosting(@IdParam('postingId') postingId: string): Promise<void> {
    await this.postings.remove(postingId);
  }
}
